"""Events: typed, dated, placed; a habit is none; a delegation for a festival is two."""

from __future__ import annotations

from datetime import date

import pytest

from parsers.extractors import run_extractors
from parsers.page import parse_page, read_html
from parsers.text import Text


def events(text: str, language: str) -> list[tuple]:
    return sorted(((e["type"], e["start"], e["end"], e["city"])
                   for e in _record(text, language)["events"]),
                  key=lambda e: tuple(map(str, e)))


def _record(text: str, language: str, published: str | None = None):
    """The record of a page whose paragraphs are the text's, published on that day."""
    meta = f"<meta property='article:published_time' content='{published}'>" \
        if published else ""
    page = f"<html lang='{language}'><head>{meta}</head><body><div>" + "".join(
        f"<p>{p}</p>" for p in text.split("\n\n")) + "</div></body></html>"
    return parse_page(read_html(page.encode(), "text/html; charset=utf-8", language)).to_dict()


def _names(record: dict) -> dict[int, str]:
    """Each city of the record by its GeoNames id."""
    return {c["geonameid"]: c["name"] for c in record["cities"]}


def happened(text: str, language: str, published: str | None = None) -> set[tuple]:
    """(type, start, city's name) of each event of the page."""
    record = _record(text, language, published)
    names = _names(record)
    return {(e["type"], e["start"], names.get(e["city"])) for e in record["events"]}


@pytest.mark.parametrize(("text", "language"), [
    ("شهردار مشهد در سفر به ژاپن با شهردار کیوتو دیدار کرد.", "fa"),
    ("Başkan Japonya'ya yaptığı ziyarette Kyoto Belediye Başkanı ile görüştü.", "tr"),
    ("Кметът замина за Япония, където се срещна с кмета на Киото.", "bg"),
])
def test_the_one_city_of_the_country_gone_to_is_where_it_happened(text, language):
    assert ("visit", None, None, 1857910) in events(text, language)


def test_a_country_a_city_lies_in_is_no_country_gone_to():
    found = events("Almanya'daki kardeş şehrimiz Köln'ün heyeti Bursa'yı ziyaret etti.", "tr")
    assert ("visit", None, None, 750269) in found and not any(e[3] == 2886242 for e in found)


def test_a_date_before_a_turkish_participle_is_its_clauses_not_the_verbs_after_it():
    found = events("Heyet, 2010 yılında kardeşlik protokolü imzalanan Batum'u ziyaret etti.", "tr")
    assert ("visit", None, None, 615532) in found
    assert not any(e[0] == "visit" and e[1] for e in found)
    # a participle that describes the event's word itself dates that event
    assert ("festival", "2019-05-12", "2019-05-12", None) in events(
        "Başkan 12 Mayıs 2019'da düzenlenen uluslararası festivale katıldı.", "tr")


def test_each_cue_takes_the_date_of_its_clause():
    text = ("В края на 1995г. между Община Казанлък и Община Кочани е подписан Протокол за "
            "намерение, а през 1996г. е осъществен обмен на делегации между двете общини.")
    assert events(text, "bg") == [
        ("agreement", "1995-01-01", "1995-12-31", None),
        ("visit", "1996-01-01", "1996-12-31", None)]


def test_a_delegation_for_a_festival_is_a_visit_and_a_festival_with_a_place():
    text = ("На 5 юни 2021 делегация от Кочани гостува в Казанлък за Празника на розата, "
            "където беше посрещната от кмета.")
    found = events(text, "bg")
    assert ("visit", "2021-06-05", "2021-06-05", 730496) in found
    assert ("festival", "2021-06-05", "2021-06-05", 730496) in found


def test_habits_and_undated_unplaced_mentions_are_not_events():
    assert events("Всяка година двете общини обменят делегации по време на празниците.",
                  "bg") == []
    assert events("Her yıl iki şehir heyet ziyareti gerçekleştiriyor.", "tr") == []
    assert events("Heyet ziyaret sırasında müzeyi gezdi.", "tr") == []  # no date, no place
    # a custom told in the present, after a dated sentence of its paragraph
    assert [e[0] for e in events("Договорът е подписан в Шумен на 12 октомври 1998 г. Двата "
                                 "града обменят делегации за празниците си.", "bg")] == [
        "agreement"]


def test_turkish_and_persian_places_and_dates():
    assert ("meeting", "2024-12-07", "2024-12-07", 3183875) in events(
        "Yürütme Kurulu Toplantısı 7 Aralık 2024'te Tiran'da gerçekleştirilecek.", "tr")
    assert ("meeting", "2015-08-04", "2015-08-07", 1862415) in events(
        "نشست شهرداران از سیزدهم تا شانزدهم مرداد ۱۳۹۴ در هیروشیما برگزار شد.", "fa")


def test_an_undated_sentence_takes_the_date_of_the_next_one_in_its_paragraph():
    text = ("Делегация на Община Габрово гостува на фестивала на хумора в Ерусалим. "
            "Фестивалът се проведе на 3 и 4 април 2019 г.\n\n"
            "Кметът посрещна гости от Сливен в Габрово. Предстои среща през 2030 г.")
    visits = [e[1:3] for e in events(text, "bg") if e[0] == "visit"]
    # the second visit's next sentence gives a year alone: it dates nothing across sentences
    assert sorted(visits, key=str) == [("2019-04-03", "2019-04-04"), (None, None)]


def test_today_is_the_pages_own_date_and_elections_are_other_events():
    record = _record("Başkan bugün Edirne'de Yunan heyetini kabul etti ve heyetle görüştü."
                     "\n\nAhmet Yılmaz 31 Mart 2024 seçimlerinde Keşan Belediye Başkanı seçildi.",
                     "tr", "2024-04-02T09:00:00")
    found = {(e["type"], e["start"]) for e in record["events"]}
    assert ("visit", "2024-04-02") in found
    assert ("other", "2024-03-31") in found


@pytest.mark.parametrize(("text", "language"), [
    ("Вчера кметът на Ловеч посети Троян.", "bg"),
    ("Başkan dün Edirne'yi ziyaret etti.", "tr"),
    ("شهردار اصفهان روز گذشته وارد شیراز شد.", "fa"),
])
def test_yesterday_is_the_day_before_the_pages_own(text, language):
    record = _record(text, language, "2024-04-02T09:00:00")
    assert {(e["type"], e["start"]) for e in record["events"]} == {("visit", "2024-04-01")}


def test_one_visit_told_in_several_sentences_is_one_event():
    text = ("На 12 април 2022 г. кметът на Казанлък посрещна делегация от Сома. "
            "Делегацията от Сома ще остане в Казанлък до 14 април.")
    visits = [e for e in events(text, "bg") if e[0] == "visit"]
    assert visits == [("visit", "2022-04-12", "2022-04-14", 730496)]
    # years alone tell nothing of the sort: two festivals three years apart stay two
    text = ("През 2007 г. Кочани гостува на фестивала в Казанлък. "
            "През 2010 г. Кочани отново гостува на фестивала в Казанлък.")
    assert [e[1] for e in events(text, "bg") if e[0] == "festival"] == [
        "2007-01-01", "2010-01-01"]


def test_of_a_city_is_no_venue_and_abbreviations_end_no_sentence():
    # "кметът на Кочани": of Kochani, not in it; "в гр. Науса" is one sentence with its venue
    found = events("На 3 май 2019 г. кметът на Кочани посрещна делегация от Сърбия и "
                   "разговаря с гостите.", "bg")
    assert found == [("visit", "2019-05-03", "2019-05-03", None)]
    found = events("На 14 май 2018 г. делегацията беше на среща в гр. Ксанти, Гърция.", "bg")
    assert ("meeting", "2018-05-14", "2018-05-14", 733840) in found


def test_taking_part_is_no_membership():
    assert [e for e in events("Ziyarete 16 Mayıs 2025'te Saray Belediye Başkanı da katıldı.",
                              "tr") if e[0] == "membership"] == []
    assert ("membership", "2019-01-01", "2019-12-31", None) in events(
        "Manisa Büyükşehir Belediyesi 2019 yılında Enerji Kentleri Birliği'ne katıldı.", "tr")


def test_this_city_is_the_city_named_before_and_our_city_the_pages_own():
    text = ("هیاتی از سن پترزبورگ برای شرکت در مراسم روز اصفهان وارد این شهر شد و "
            "با شهردار دیدار کرد.")
    assert {e[3] for e in events(text, "fa") if e[0] == "visit"} == {418863}
    text = ("Macar heyeti Kecskemet'ten şehrimize geldi ve Belediye Başkanı ile "
            "görüşerek iki şehir arasındaki iş birliğini konuştu.")
    page = ("<html lang='tr'><body><div><p>Saray Belediyesi Tekirdağ'ın ilçesidir ve "
            "Saray Belediye Başkanı misafirleri ağırladı.</p><p>" + text +
            "</p></div></body></html>")
    record = parse_page(read_html(page.encode(), "text/html; charset=utf-8", "tr")).to_dict()
    home = {c["geonameid"] for c in record["cities"] if c["name"] == "Saray"}
    visits = [e for e in record["events"] if e["type"] == "visit" and e["city"]]
    assert home and {e["city"] for e in visits} <= home and visits


def test_a_sentence_without_a_date_takes_the_day_of_the_one_before_in_its_paragraph():
    text = ("На 12 април 2019 г. кметът на Габрово подписа споразумение с кмета на Кочани. "
            "Преди подписването се проведе работна среща на двете делегации.\n\n"
            "Предстои работна среща на двете делегации.")
    found = events(text, "bg")
    assert ("meeting", "2019-04-12", "2019-04-12", None) in found
    assert [e for e in found if e[0] == "meeting"] == [("meeting", "2019-04-12", "2019-04-12",
                                                        None)]


def test_a_locative_on_the_municipality_a_city_names_places_the_event_there():
    found = events("Heyet, Kayseri Büyükşehir Belediyesi'nde düzenlenen toplantıya katıldı.", "tr")
    assert ("meeting", None, None, 308464) in found
    assert events("Heyet, Kayseri Büyükşehir Belediyesi ile toplantı yaptı.", "tr") == []


def test_a_date_that_starts_a_lasting_state_dates_no_happening():
    assert events("Başkan 2000 yılından bu yana kongrede şehri temsil ediyor.", "tr") == []
    assert events("Başkan 2000 yılında kongrede şehri temsil etti.", "tr") == [
        ("meeting", "2000-01-01", "2000-12-31", None)]


def test_moments_ago_is_the_pages_day():
    record = _record("دقایقی پیش هیئت شهرداری ایروان برای دیدار با شهردار وارد فرودگاه شد و "
                     "مورد استقبال قرار گرفت.", "fa", "2020-05-03T10:00:00")
    assert ("visit", "2020-05-03") in {(e["type"], e["start"]) for e in record["events"]}


def test_a_persian_event_word_names_its_place_right_after_it():
    found = events("شهرداران دو شهر در حاشیه اجلاس استانبول دیدار و گفت و گو کردند.", "fa")
    assert ("meeting", None, None, 745044) in found
    # Turkish puts the place first: "Toplantıda Düzce Belediyesi ile …" is no venue
    assert events("Toplantıda Düzce Belediyesi ile Girne Belediyesi görüştü.", "tr") == []


def test_where_a_visit_goes_is_its_venue_and_an_invitation_is_no_visit():
    found = events("Başkan, Münih'e gerçekleştirdiği ziyarette meslektaşıyla görüştü.", "tr")
    assert ("visit", None, None, 2867714) in found
    # the case a Turkish city's name takes on the word for a city after it (Münih kentini
    # ziyaret: visits Munich, Münih şehrine: to Munich, Münih kentinde: in Munich)
    assert events("Heyet 3 Haziran 2021'de Almanya'nın Münih kentini ziyaret etti.", "tr") == [
        ("visit", "2021-06-03", "2021-06-03", 2867714)]
    assert events("Heyet 3 Haziran 2021'de Münih şehrine gitti.", "tr") == [
        ("visit", "2021-06-03", "2021-06-03", 2867714)]
    assert events("Başkan, Münih kentinde düzenlenen fuara 3 Haziran 2021'de katıldı.", "tr") == [
        ("festival", "2021-06-03", "2021-06-03", 2867714)]
    assert events("Кметът отправи покана към кмета на Одрин да гостува в Ямбол.", "bg") == []
    assert events("Кметът получи покана за визита в Охрид на 5 май 2022 г.", "bg") == []
    assert events("Başkan, Sofya ziyareti için 5 Mayıs 2022'de davetiye gönderdi.", "tr") == []
    assert events("شهردار دعوت‌نامه سفر به شهر کازان را در ۵ مهر ۱۴۰۱ دریافت کرد.", "fa") == []
    # at an invitation, the visit is made
    assert ("visit", "2022-05-05") in {(e[0], e[1]) for e in events(
        "По покана на кмета делегация от Охрид посети Варна на 5 май 2022 г.", "bg")}


def test_a_body_described_by_its_members_is_no_city_joining_it():
    text = ("Türkiye'de 149 belediyenin üyesi olduğu birliğin toplantısı 5 Ekim 2023 tarihinde "
            "Ankara'da yapıldı.")
    assert [e[0] for e in events(text, "tr")] == ["meeting"]
    assert [e[0] for e in events("Konya 5 Ekim 2023 tarihinde birliğe üye oldu.", "tr")] == [
        "membership"]
    # that it became a member, said of the past, is its joining
    assert [e[:2] for e in events("Başkan, kentimizin 2012 yılında Avrupa Tarihi Kentler "
                                  "Birliği'ne üye olduğunu hatırlattı.", "tr")] == [
        ("membership", "2012-01-01")]


def test_our_twin_city_is_the_partner_not_the_pages_own():
    record = _record("Konya Büyükşehir Belediyesi, kentimizin tanıtımı için çalışıyor.\n\n"
                     "Kardeş şehrimiz Almanya'nın Offenbach kentinden gelen heyet, 2 Ekim 2023 "
                     "günü makamında ağırlandı.", "tr")
    names = _names(record)
    assert [names.get(e["city"]) for e in record["events"] if e["type"] == "visit"] == [None]
    # (our city said alone is the page's own)
    record = _record("Konya Büyükşehir Belediyesi, kentimizin tanıtımı için çalışıyor.\n\n"
                     "Almanya'dan gelen on beş kişilik heyet, 2 Ekim 2023 günü şehrimize "
                     "gelerek Başkan ile görüştü.", "tr")
    names = _names(record)
    assert [names.get(e["city"]) for e in record["events"] if e["type"] == "visit"] == ["Konya"]


def test_a_seat_on_a_council_is_no_city_joining_a_body():
    text = "На 3 май 2019 г. гостите бяха водени от кмета на Русе и член на Общинския съвет."
    assert all(e[0] != "membership" for e in events(text, "bg"))
    text = "На 3 май 2019 г. Община Русе стана член на Асоциацията на дунавските общини."
    assert ("membership", "2019-05-03", "2019-05-03", None) in events(text, "bg")


def test_a_date_said_again_dates_its_own_sentence_too():
    record = _record("Делегация от Кочани пристигна в Казанлък за Празника на розата на 5 юни "
                     "2021 г.\n\nНа 5 юни 2021 г. в Казанлък пристигна и делегация от Струмица.",
                     "bg")
    names = _names(record)
    visits = [e for e in record["events"] if e["type"] == "visit"]
    assert [(v["start"], {names[p] for p in v["participants"]}) for v in visits] == [
        ("2021-06-05", {"Kochani", "Strumica"})]
    assert [d["offset"] for d in record["dates"]] == [66]  # the record lists a date once


def test_visitors_from_one_city_meet_in_the_other_the_sentence_names():
    record = _record("Делегация от Габрово посети Сегед по покана на тамошния кмет.", "bg")
    names = _names(record)
    assert [(names.get(e["city"]), [names[p] for p in e["participants"]])
            for e in record["events"] if e["type"] == "visit"] == [("Szeged", ["Gabrovo"])]
    record = _record("Kecskemet'ten gelen heyet Kayseri Büyükşehir Belediyesi'ni ziyaret etti.",
                     "tr")
    names = _names(record)
    assert [names.get(e["city"]) for e in record["events"] if e["type"] == "visit"] == ["Kayseri"]
    # from the mayor of Kavala is where the Greeks came from, no venue
    record = _record("Делегацията от Бургас беше водена от заместник-кмета, а гърците – от "
                     "кмета на Кавала.", "bg")
    assert [e["city"] for e in record["events"] if e["type"] == "visit"] == []
    # from the municipality comes a statement, not visitors
    record = _record("Didim Belediyesi'nden alınan bilgiye göre Zwolle Belediye Başkanı ve "
                     "heyeti ziyarette bulundu.", "tr")
    assert [e["city"] for e in record["events"] if e["type"] == "visit"] == []


def test_where_the_verb_comes_last_a_happening_takes_the_date_before_its_word():
    text = ("Birlik, 2005 yılında İstanbul'da on iki belediyenin katılımıyla kurulan ve 2015 "
            "yılında Ankara'ya taşınan bir yapı.")
    assert ("founding", "2005-01-01") in {(e[0], e[1]) for e in events(text, "tr")}


def test_the_venue_is_looked_for_in_the_clause_of_the_events_word_first():
    text = ("هیئت شیراز هفته آینده به شهر \"استانبول\" سفر می کند، و پس از آن در شهر تهران با "
            "صنعتگران دیدار دارد.")
    assert {e[3] for e in events(text, "fa") if e[0] == "visit"} == {745044}  # Istanbul


def test_of_two_mentions_of_this_city_the_one_a_case_sets_off_is_the_venue():
    text = ("اعضای شورای مسکو که همگی ساکن این شهر هستند، برای دیدن مراسم روز تبریز به "
            "این شهر سفر کردند.")
    record = _record(text, "fa")
    names = _names(record)
    assert {names.get(e["city"]) for e in record["events"] if e["type"] == "visit"} == {"Tabriz"}


def test_today_in_the_next_sentence_of_the_paragraph_dates_an_undated_event():
    record = _record("شهردار شیراز با میهمانان ترک در سالن شورا نشست داشت. امروز برای "
                     "دو شهر روز خوبی بود.", "fa", "2024-05-02T10:00:00")
    assert ("meeting", "2024-05-02") in {(e["type"], e["start"]) for e in record["events"]}


def test_a_date_right_before_one_events_word_is_not_another_kinds():
    found = events("2018 yılında kurulan ağın toplantısı Sofya'da yapıldı.", "tr")
    assert ("founding", "2018-01-01") in {(e[0], e[1]) for e in found}
    assert ("meeting", "2018-01-01") not in {(e[0], e[1]) for e in found}
    # bringing cities together is what a network does, no meeting
    assert events("Tuna kıyısındaki kentleri bir araya getiren ağ 2010 yılında Sofya'da "
                  "kuruldu.", "tr") == [("founding", "2010-01-01", "2010-12-31", 727011)]


def test_a_date_after_the_events_word_in_a_clause_going_on_to_another_kinds_is_that_ones():
    found = {(e[0], e[1]) for e in events(
        "Başkan toplantıda yaptığı konuşmada, 2005 yılında Bursa'da kurulan birliğe teşekkür "
        "etti.", "tr")}
    assert ("founding", "2005-01-01") in found and ("meeting", "2005-01-01") not in found
    found = {(e[0], e[1]) for e in events(
        "شهردار در نشست امروز از انجمنی که در سال ۱۳۸۵ در شیراز تاسیس شد تقدیر کرد.", "fa")}
    assert ("meeting", "2006-03-21") not in found
    # past a comma, the date is still the delegation's, not the award's
    assert ("visit", "2023-05-12") in {(e[0], e[1]) for e in events(
        "Heyet, 12 Mayıs 2023 günü Bursa'ya gelerek, Başkana bir ödül takdim etti.", "tr")}


def test_a_case_ending_after_any_apostrophe_sets_the_venue_off():
    assert {e[3] for e in events("Protokol 5 Mayıs 2019'da Üsküp´te iki başkan tarafından "
                                 "imzalandı.", "tr") if e[0] == "agreement"} == {785842}


def test_a_hall_of_the_city_is_where_it_happens():
    found = events("Разговорите на делегациите продължиха в голямата зала на Община Габрово "
                   "със среща на кметовете.", "bg")
    assert {e[3] for e in found if e[0] == "meeting"} == {731549}  # Gabrovo
    # arriving representatives of a city are no venue
    found = events("В града пристигнаха представители на Кремона и Кочани за празника.", "bg")
    assert 3177838 not in {e[3] for e in found}


def test_this_happened_in_the_next_sentence_places_the_one_before():
    text = ("Кметът на Габрово подписа споразумение за сътрудничество с кмета на Велико "
            "Търново.\n\nТова се случи в Габрово по време на есенния панаир.")
    assert ("agreement", None, None, 731549) in events(text, "bg")
    # without it, an agreement with neither a date nor a place is none
    assert [e for e in events(text.split("\n\n")[0], "bg") if e[0] == "agreement"] == []


def test_an_award_presented_is_a_ceremony():
    found = events("Heyet 3 Eylül 2024'te Bursa'da başkana Barış Ödülü takdim edecek.", "tr")
    assert ("festival", "2024-09-03", "2024-09-03", 750269) in found


def test_a_persian_pact_concluded_is_an_agreement():
    found = events("قرار همکاری شیراز و کرمان در سال ۲۰۰۵ میلادی منعقد شد.", "fa")
    assert ("agreement", "2005-01-01") in {(e[0], e[1]) for e in found}


def test_each_kind_of_event_takes_the_venue_its_own_words_clause_sets_off():
    record = _record("رئیس شورای شهر کرمان پیش از سفر به شیراز، در یزد گفت و گو کرد.", "fa")
    names = _names(record)
    venues = {(e["type"], names.get(e["city"])) for e in record["events"]}
    assert ("visit", "Shiraz") in venues and ("meeting", "Yazd") in venues
    assert ("meeting", "Shiraz") not in venues


def test_an_official_meeting_in_another_city_than_their_offices_has_gone_there():
    record = _record("Кметът на Бургас Димитър Николов участва в среща на кметовете в Солун на "
                     "5 май 2023 г.", "bg")
    names = _names(record)
    found = {(e["type"], e["start"], names.get(e["city"])) for e in record["events"]}
    assert found == {("meeting", "2023-05-05", "Thessaloníki"),
                     ("visit", "2023-05-05", "Thessaloníki")}
    # at home, a meeting is only a meeting
    record = _record("Кметът на Бургас Димитър Николов участва в среща на кметовете в Бургас "
                     "на 5 май 2023 г.", "bg")
    assert [e["type"] for e in record["events"]] == ["meeting"]


def test_an_official_named_again_by_the_surname_takes_part_and_bound_for_is_a_visit():
    record = _record("علی رضایی، شهردار همدان، با شهردار تبریز دیدار کرد. رضایی سپس عازم "
                     "ارومیه خواهد شد.", "fa")
    names = _names(record)
    trips = [(names.get(e["city"]), e["officials"]) for e in record["events"]
             if e["type"] == "visit"]
    assert ("Orūmīyeh", ["علی رضایی"]) in trips


def test_this_city_is_never_one_named_inside_a_title_in_quotes():
    record = _record("هیئت شیراز به شهر سن پترزبورگ سفر کرد. همچنین درباره «هفته فرهنگی اصفهان» "
                     "با مقامات این شهر گفت و گو خواهد شد.", "fa")
    names = _names(record)
    assert {names.get(e["city"]) for e in record["events"] if e["type"] == "meeting"} == {
        "Saint Petersburg"}


def test_what_visitors_come_to_take_part_in_is_not_dated_by_their_coming():
    record = _record("هیئت ترکیه امروز جهت شرکت در اجلاس شهرداران وارد تهران شد.", "fa",
                     published="2023-05-02")
    found = {e["type"]: e["start"] for e in record["events"]}
    assert found == {"visit": "2023-05-02", "meeting": None}


def test_on_this_trip_is_where_the_trip_went():
    """No word marks the venue, but the sentence is on the trip: the city it names beside
    the page's own is where it happens."""
    record = _record("به گزارش روابط عمومی شهرداری شیراز، علی رضایی در این سفر با مسئولان "
                     "شهر استانبول دیدار خواهد کرد.", "fa")
    names = _names(record)
    assert {(e["type"], names.get(e["city"])) for e in record["events"]} >= {
        ("meeting", "Istanbul")}
    record = _record("По време на посещението кметът на Казанлък проведе разговори с "
                     "представители на Кочани.", "bg")
    names = _names(record)
    assert "Kochani" in {names.get(e["city"]) for e in record["events"]}


def test_who_hosts_a_happening_says_where_it_is():
    """No locative names the venue; the city beside the word for hosting does."""
    for text, language, kind, city in (
            ("Kırklareli Belediyesi, Balkan kentleri ağının yönetim kurulu toplantısına ev "
             "sahipliği yaptı.", "tr", "meeting", "Kırklareli"),
            ("Община Габрово беше домакин на срещата на кметовете от региона.", "bg",
             "meeting", "Gabrovo"),
            ("نشست شهرداران کلانشهرها به میزبانی شهرداری مشهد برگزار شد.", "fa", "meeting",
             "Mashhad"),
            # the host's clause names no city: the one the sentence names in no case, not
            # where the delegation came from
            ("Делегация от Силистра посети Велес, домакин на фолклорния фестивал.", "bg",
             "festival", "Veles")):
        record = _record(text, language)
        names = _names(record)
        assert (kind, city) in {(e["type"], names.get(e["city"]))
                                     for e in record["events"]}, text
    # without the word, the sentence gives no place (and no date): no event
    assert not _record("Kırklareli Belediyesi, Balkan kentleri ağının yönetim kurulu "
                       "toplantısını değerlendirdi.", "tr")["events"]


def test_guests_at_a_meeting_in_the_pages_own_city_make_no_visit():
    """Mayors of other cities at a meeting in the page's own city take part in it; the
    page's mayor meeting in another city has gone there."""
    home = ("Gabrovo Belediye Başkanı Ahmet Kaya, Gabrovo'daki toplantıda Kütahya Belediye "
            "Başkanı Eyüp Demir ile görüştü. Gabrovo Belediyesi toplantıya ev sahipliği yaptı.")
    kinds = {e["type"] for e in _record(home, "tr")["events"]}
    assert "meeting" in kinds and "visit" not in kinds


def test_a_council_session_with_no_place_said_is_in_the_pages_own_city():
    record = _record("Kırşehir Belediyesi Mart ayı meclis toplantısı, Başkan Ali Kaya "
                     "başkanlığında yapıldı.", "tr", "2024-03-20")
    names = _names(record)
    assert [(e["type"], e["start"], names.get(e["city"])) for e in record["events"]] == [
        ("meeting", "2024-03-01", "Kırşehir")]
    record = _record("شهرداری یزد اعلام کرد در جلسه شورای اسلامی شهر تفاهم نامه همکاری "
                     "تصویب شد.", "fa")
    names = _names(record)
    assert ("agreement", "Yazd") in {(e["type"], names.get(e["city"])) for e in record["events"]}


def test_a_council_that_names_its_city_sits_there_not_in_the_pages_own():
    # (the page is Yazd's; the public session it reports is Shiraz's council's)
    assert ("agreement", "2023-07-09", "Shiraz") in happened(
        "شهرداری یزد گزارش داد: دیروز در جلسه علنی شورای اسلامی شهر شیراز تفاهم نامه همکاری "
        "با شهر نانجینگ تصویب شد.", "fa", "2023-07-10")


@pytest.mark.parametrize(("text", "language", "expected"), [
    # a date right before the first verb dates the one joined to it in its clause too
    ("هیئتی از شهر قزان روز ۲۲ مهر ۱۳۹۷ وارد شیراز شد و با شهردار شیراز دیدار کرد.", "fa",
     {("visit", "2018-10-14", "Shiraz"), ("meeting", "2018-10-14", "Shiraz")}),
    # talks held in a city are a visit there
    ("Sivas Belediye Başkanı 3 Mart 2024'te Bakü'de temaslarda bulundu.", "tr",
     {("visit", "2024-03-03", "Baku")}),
])
def test_coordinated_verbs_share_their_date_and_talks_held_abroad_are_a_visit(
        text, language, expected):
    record = _record(text, language)
    names = _names(record)
    assert {(e["type"], e["start"], names.get(e["city"])) for e in record["events"]} == expected


def test_an_undated_sentence_takes_the_date_its_paragraph_last_gave_before_it():
    record = _record("На 12 май 2023 г. в Русе се откри международният панаир. Над сто фирми "
                     "показват своите продукти. Изложителите са от пет държави. В рамките на "
                     "панаира се проведе и конференция.\n\nДелегация от Русе ще посети "
                     "Гюргево.", "bg")
    # (the next paragraph's visit is not of that day)
    assert {(e["type"], e["start"]) for e in record["events"]} == {
        ("festival", "2023-05-12"), ("meeting", "2023-05-12"), ("visit", None)}


@pytest.mark.parametrize(("text", "expected"), [
    # taking part in a congress or a meeting joins no body
    ("Başkan, 5 Mart 2024'te Strazburg'daki Yerel Yönetimler Kongresi'ne katıldı.",
     {("meeting", "2024-03-05")}),
    ("Başkan 5 Mart 2024'te Konya'daki toplantısına katıldı.", {("meeting", "2024-03-05")}),
    ("Manisa, 5 Mart 2024'te Avrupa Tarihi Kentler Birliği'ne katıldı.",
     {("membership", "2024-03-05")}),
    # a guest hosted is a visit
    ("Başkan, 5 Mart 2024'te Bakü Belediye Başkanı'nı Ankara'da konuk etti.",
     {("visit", "2024-03-05")}),
])
def test_joining_a_meeting_is_taking_part_and_a_guest_hosted_is_a_visit(text, expected):
    assert {(e["type"], e["start"]) for e in _record(text, "tr")["events"]} == expected


def test_a_signing_ceremony_dates_the_signing():
    text = "Bursa'da 5 Mart 2024'te düzenlenen imza töreniyle Plovdiv ile protokol imzalandı."
    assert {(e["type"], e["start"]) for e in _record(text, "tr")["events"]} == {
        ("agreement", "2024-03-05")}



@pytest.mark.parametrize(("text", "language", "expected"), [
    ("شهردار شیراز روز ۱۰ مهر ۱۴۰۲ از هیئت شهر کراکوف استقبال کرد.", "fa",
     ("visit", "2023-10-02", "Shiraz", ["Kraków"])),
    ("На 5 март 2024 г. кметът на Видин посрещна делегацията на Крайова.", "bg",
     ("visit", "2024-03-05", "Vidin", ["Craiova"])),
])
def test_a_delegation_of_a_city_welcomed_came_to_the_welcoming_city(text, language, expected):
    record = _record(text, language)
    names = _names(record)
    assert [(e["type"], e["start"], names.get(e["city"]),
             [names.get(p) for p in e["participants"]]) for e in record["events"]] == [expected]


def test_an_undated_retelling_is_the_dated_event_of_its_type_and_place():
    record = _record("Kırşehir Belediyesi ile Kars Belediyesi arasında kardeş şehir protokolü "
                     "12 Mart 2024 tarihinde imzalandı.\n\nProtokol, Kırşehir'de düzenlenen "
                     "törenle imzalandı.", "tr")
    names = _names(record)
    assert [(e["start"], names.get(e["city"])) for e in record["events"]
            if e["type"] == "agreement"] == [("2024-03-12", "Kırşehir")]


def test_one_event_word_said_twice_in_two_clauses_has_each_clauses_venue():
    for text, language in (
            ("Toplantı bu yıl Bursa'da yapıldı, önceki toplantı ise Bakü'de yapılmıştı.", "tr"),
            ("نشست امسال شهرداران در شهر تبریز برگزار شد، در حالی که نشست پیشین در شهر باکو "
             "برگزار شده بود.", "fa")):
        record = _record(text, language)
        names = _names(record)
        meetings = {names.get(e["city"]) for e in record["events"] if e["type"] == "meeting"}
        assert len(meetings) == 2 and None not in meetings, text


def test_a_surname_beside_a_namesake_named_in_full_is_not_the_other_namesake():
    record = _record("Belediye Başkanı Ahmet Yıldırım 3 Mayıs 2022 tarihinde Ankara'da "
                     "Büyükşehir Belediye Başkanı Mehmet Yıldırım ile görüştü.\n\n"
                     "Belediye Başkanı Selim Yıldırım 5 Mayıs 2022 tarihinde Kecskemét'i "
                     "ziyaret etti.", "tr")
    by_day = {e["start"]: e["officials"] for e in record["events"]}
    assert sorted(by_day["2022-05-03"]) == ["Ahmet Yıldırım", "Mehmet Yıldırım"]
    assert by_day["2022-05-05"] == ["Selim Yıldırım"]  # not the other two Yıldırıms


def test_the_place_a_visit_takes_as_visited_is_its_venue():
    # посети Варна, Bursa'yı ziyaret, از کاشان بازدید: no case but the visit's own words
    assert events("Кметът на Бургас посети Варна на 5 май 2021 г.", "bg") == [
        ("visit", "2021-05-05", "2021-05-05", 726050)]  # Varna
    assert events("Başkan 5 Mayıs 2021 tarihinde Bursa'yı ziyaret etti.", "tr") == [
        ("visit", "2021-05-05", "2021-05-05", 750269)]  # Bursa
    assert events("شهردار مشهد روز ۵ اردیبهشت ۱۴۰۰ از شهر کاشان بازدید کرد.", "fa") == [
        ("visit", "2021-04-25", "2021-04-25", 128476)]  # Kashan
    # a meeting the visit included, where the text says it met
    assert events("Кметът на Бургас посети Варна на 5 май 2021 г., където се срещна с кмета "
                  "на Варна.", "bg") == [("meeting", "2021-05-05", "2021-05-05", 726050),
                                         ("visit", "2021-05-05", "2021-05-05", 726050)]
    # inviting a mayor to visit is no visit yet
    assert events("شهردار ضمن دعوت از شهردار آنکارا جهت بازدید از تهران سخن گفت.", "fa") == []


@pytest.mark.parametrize("talks", ["گفت\u200cوگو", "گفت و گو", "گفتگو"])
def test_a_persian_compound_is_one_cue_written_with_a_half_space_a_space_or_joined(talks):
    text = f"شهرداران شیراز و کازان روز ۱۲ اسفند ۱۴۰۱ در شیراز {talks} کردند."
    assert events(text, "fa") == [("meeting", "2023-03-03", "2023-03-03", 115019)]


def test_a_cue_inside_a_longer_one_of_another_kind_is_that_kind_only():
    # "bir araya geldi" (met) is no visit's "geldi"; "göreve geldi" (took office) neither
    met = "Bursa ve Krefeld belediye başkanları 12 Mart 2019 tarihinde Bursa'da bir araya geldi."
    assert events(met, "tr") == [("meeting", "2019-03-12", "2019-03-12", 750269)]
    took_office = "Ahmet Yılmaz 12 Mart 2019 tarihinde Bursa Belediye Başkanı olarak göreve geldi."
    assert [e[0] for e in events(took_office, "tr")] == ["other"]


def test_a_city_after_a_long_cue_of_its_administration_is_the_venue():
    # в Областна администрация Пловдив: the venue, past a cue of two long words
    found = events("На 12 май 2016 г. в Областна администрация Пловдив кметът подписа "
                   "споразумение.", "bg")
    assert found == [("agreement", "2016-05-12", "2016-05-12", 728193)]  # Plovdiv


@pytest.mark.parametrize(("text", "language", "year"), [
    ("Başkan, iki şehir arasındaki kardeş şehir ilişkisinin 1998 yılında kurulduğunu "
     "hatırlattı.", "tr", "1998"),
    ("Побратимяването между Варна и Санкт Петербург е създадено през 1998 г.", "bg", "1998"),
    ("پیوند خواهرخواندگی میان شیراز و نانجینگ در سال ۱۳۸۰ تأسیس شد.", "fa", "2001"),
])
def test_a_twinning_established_is_its_agreement_and_a_body_founded_a_founding(
        text, language, year):
    found = {(e[0], e[1][:4]) for e in events(text, language)}
    assert ("agreement", year) in found and ("founding", year) not in found
    assert ("founding", "1998") in {(e[0], e[1][:4]) for e in events(
        "Derneğimiz, şehirler arasında kültürel iş birliğini geliştirmek amacıyla 1998 "
        "yılında Bursa'da kuruldu.", "tr")}


@pytest.mark.parametrize(("text", "language", "expected"), [
    ("Japon Kültür Haftası 20 Kasım 2023'te Bursa'da başlayacak.", "tr", "2023-11-20"),
    ("Седмицата на японската култура ще започне на 20 ноември 2023 г. във Варна.", "bg",
     "2023-11-20"),
    ("هفته فرهنگی ژاپن در آذرماه ۱۴۰۲ در شیراز برگزار می‌شود.", "fa", "2023-11-22"),
])
def test_a_cultures_week_is_a_festival(text, language, expected):
    assert ("festival", expected) in {(e[0], e[1]) for e in events(text, language)}


@pytest.mark.parametrize(("text", "language"), [
    ("دو شهردار در خصوص برگزاری «جشنواره گل» در شیراز گفت و گو کردند.", "fa"),
    ("Кметовете разговаряха относно провеждането на фестивала във Варна.", "bg"),
])
def test_a_happening_talked_about_is_none(text, language):
    found = {e[0] for e in events(text, language)}
    assert "festival" not in found
    # (the talk itself is a meeting where its word says one)
    assert language == "bg" or "meeting" in found


@pytest.mark.parametrize(("text", "language"), [
    ("شهردار شیراز روز ۱۰ آبان ۱۴۰۲ در تبریز با شهردار این شهر دیدار کرد.\n\nدر این دیدار "
     "شهردار تبریز از برگزاری نمایشگاه صنایع دستی در اصفهان خبر داد.", "fa"),
    ("Başkan Kaya, 1 Kasım 2023'te Bursa'da Batum Belediye Başkanı ile görüştü.\n\nBu "
     "görüşmede Başkan, Antalya'da açılacak fotoğraf sergisini anlattı.", "tr"),
    ("Кметът на Варна се срещна на 1 ноември 2023 г. в Бургас с кмета на Бургас.\n\nПо "
     "време на тази среща кметовете обсъдиха и изложбата в Пловдив.", "bg"),
])
def test_a_happening_pointed_back_at_is_the_one_told_and_no_other(text, language):
    told = [e for e in events(text, language) if e[0] == "meeting"]
    assert len(told) == 1 and told[0][1] == "2023-11-01"
    # what it points back at with its own date is that one's date (این نشست از ۲۵ تا ۲۷ …)
    found = events("شهرداران جهان اسلام در مشهد نشست دارند.\n\nاین نشست از ۲۵ تا ۲۷ مرداد "
                   "۱۳۹۶ برگزار می شود.", "fa")
    assert ("meeting", "2017-08-16") in {(e[0], e[1]) for e in found}


def test_the_place_visited_too_is_the_visits():
    record = _record("На 14 септември 2023 г. делегацията посети и Пловдив, където беше "
                     "приета от кмета Иван Тотев.", "bg")
    names = _names(record)
    assert {names.get(e["city"]) for e in record["events"] if e["type"] == "visit"} == \
        {"Plovdiv"}


def test_a_councils_resolution_on_a_tie_is_an_agreement_beside_its_session():
    found = {(e[0], e[1]) for e in events(
        "Общинският съвет прие на сесията си на 27 април 2023 г. решение за побратимяване с "
        "град Оплотница, Словения.", "bg")}
    assert {("meeting", "2023-04-27"), ("agreement", "2023-04-27")} <= found


@pytest.mark.parametrize(("text", "language", "day"), [
    ("Protokol, 14 Nisan 2023 Cuma günü Tekirdağ'da düzenlenen törenle iki başkan tarafından "
     "imzalandı.", "tr", "2023-04-14"),
    ("Споразумението беше подписано на 5 май 2023 г. на тържествена церемония в Бургас.", "bg",
     "2023-05-05"),
    ("تفاهم نامه همکاری دو شهر روز ۲۵ خرداد ۱۴۰۲ در مراسمی در شیراز امضا شد.", "fa",
     "2023-06-15"),
])
def test_a_signings_ceremony_is_the_agreement_and_no_festival(text, language, day):
    assert [(e[0], e[1]) for e in events(text, language)] == [("agreement", day)]
    # (a ceremony with no signing is one)
    assert [e[0] for e in events("Açılış töreni 14 Nisan 2023'te Tekirdağ'da yapıldı.", "tr")] \
        == ["festival"]


def test_a_happening_named_after_a_city_takes_place_there():
    record = _record("Bursa Film Festivali'nin açılışında Başkan bir konuşma yaptı ve "
                     "gösterimleri izledi.", "tr")
    names = _names(record)
    assert [(e["type"], names.get(e["city"])) for e in record["events"]] == [
        ("festival", "Bursa")]
    # or by its "of" (the town's own day)
    assert ("festival", "2023-05-11", "Smolyan") in happened(
        "На 11 май 2023 г. гостите участваха в откриването на Празника на град Смолян.", "bg")
    # (a delegation named after its city comes from there)
    record = _record("Bursa heyeti Ankara'yı ziyaret ederek Başkan ile uzun bir görüşme yaptı.",
                     "tr")
    names = _names(record)
    assert ("visit", "Ankara") in {(e["type"], names.get(e["city"])) for e in record["events"]}


def test_a_day_of_a_visit_its_host_tells_again_is_that_visit():
    # (the text alone, as `muni extract` reads a page of no known site: no own city)
    text = Text("Almanya'nın Krefeld Belediyesi'nden 12 kişilik bir heyet 8-10 Mayıs 2023 "
                "tarihleri arasında Kayseri'ye resmi bir ziyaret gerçekleştirdi.\n\nKayseri "
                "Büyükşehir Belediye Başkanı Memduh Büyükkılıç, 9 Mayıs'ta heyet onuruna bir "
                "yemek verdi.", "tr", date(2023, 5, 10))
    found = run_extractors(text, "TR", True).entities["events"]
    assert [(e.type, e.start, e.end) for e in found] == [("visit", "2023-05-08", "2023-05-10")]


def test_where_one_is_bound_for_past_a_word_for_a_city_and_after_a_meetings_end():
    text = Text("شهردار اصفهان صبح امروز برای شرکت در اجلاس شهرهای میراث جهانی عازم شهر کراکوف "
                "لهستان شد.\n\nاین اجلاس از ۱۸ تا ۲۱ مهرماه ۱۴۰۲ برگزار می‌شود.\n\nهیئت اصفهانی "
                "پس از پایان اجلاس، روز ۲۲ مهر به ورشو سفر می‌کند.", "fa", date(2023, 10, 9))
    found = run_extractors(text, "IR", True).entities["events"]
    # Kraków, the summit's city; after its end, Warsaw: the trip's, not the summit's
    assert [(e.type, e.start, e.city) for e in found] == [
        ("visit", "2023-10-09", 3094802), ("meeting", "2023-10-10", 3094802),
        ("visit", "2023-10-14", 756135)]


def test_where_one_left_for_a_word_between_is_the_visits_place():
    assert ("visit", "2023-10-11", "Tirana") in happened(
        "Кметът на Бургас Димитър Николов замина днес за Тирана, Албания, за среща с кмета на "
        "града.", "bg", "2023-10-11T09:00:00")


def test_a_turkish_forum_or_conference_is_a_meeting():
    assert ("meeting", "2023-10-12") in {(e[0], e[1]) for e in events(
        "Başkan Aktaş, 12-14 Ekim 2023 tarihlerinde Darmstadt'ta düzenlenecek Avrupa Şehirler "
        "Forumu'na katılacak.", "tr")}


def test_a_word_of_a_happening_in_a_buildings_name_is_no_happening():
    # Kongre Müzesi, Конгресния център: a museum and a hall, where no congress is held
    assert events("Konuklar 3 Haziran 2022'de Kongre Müzesi'ni gezdi.", "tr") == []
    assert events("На 3 юни 2022 г. гостите разгледаха Конгресния център.", "bg") == []
    # (the word alone is one)
    assert [e[0] for e in events("Kongre 3 Haziran 2022'de Malatya'da toplandı.", "tr")] \
        == ["meeting"]


def test_a_visit_to_our_municipality_is_a_visit_to_the_pages_city():
    assert ("visit", "2022-06-03", "Malatya") in happened(
        "Malatya Belediye Başkanı Selahattin Gürkan açıklama yaptı.\n\nTebriz Belediye "
        "Başkanı ve beraberindeki heyet 3 Haziran 2022'de Belediyemizi ziyaret etti.", "tr")


def test_an_envoys_seat_is_no_venue():
    # the consul serves in Plovdiv; where the two met, the sentence does not say
    assert events("На 5 май 2023 г. кметът на Стара Загора се срещна с генералния консул на "
                  "Турция в Пловдив.", "bg") == [("meeting", "2023-05-05", "2023-05-05", None)]
    assert events("شهردار شیراز روز ۱۵ آبان ۱۴۰۲ با سفیر ایتالیا در تهران ملاقات کرد.", "fa") \
        == [("meeting", "2023-11-06", "2023-11-06", None)]
    # (a meeting in a city is there)
    assert events("На 5 май 2023 г. кметът на Стара Загора се срещна с консула в Пловдив.",
                  "bg") == [("meeting", "2023-05-05", "2023-05-05", 728193)]


def test_readiness_to_sign_is_no_signing():
    assert events("На 5 май 2023 г. кметът на Плевен изрази готовност за подписване на "
                  "споразумение с Охрид.", "bg") == []
    assert events("شهردار شیراز در ۱۵ آبان ۱۴۰۲ گفت: ما آماده امضای تفاهم نامه جدید با "
                  "فلورانس هستیم.", "fa") == []
    assert [e[0] for e in events("На 5 май 2023 г. кметовете на Плевен и Охрид подписаха "
                                 "споразумение.", "bg")] == ["agreement"]


def test_the_place_one_goes_back_to_is_no_venue():
    assert events("Başkan 3 Haziran 2022'de Malatya'da toplantıya katıldı, akşam Tebriz'e "
                  "dönecek.", "tr") == [("meeting", "2022-06-03", "2022-06-03", 304922)]
    assert events("هیئت روسی روز ۲ آبان ۱۴۰۲ با شهردار تبریز دیدار کرد و سپس به مسکو "
                  "بازمی‌گردد.", "fa")[0][3] is None
    # (where one goes, and does not go back, is)
    assert ("visit", "2023-10-24", "2023-10-24", 524901) in events(
        "هیئت تبریز روز ۲ آبان ۱۴۰۲ به مسکو سفر کرد.", "fa")


def test_a_delegations_visit_told_with_its_meeting_is_of_the_meetings_day():
    assert events("Heyet, 23 Eylül 2022'de Saraybosna'ya geçerek Kanton Başbakanı ile görüştü.",
                  "tr") == [("meeting", "2022-09-23", "2022-09-23", 3191281),
                            ("visit", "2022-09-23", "2022-09-23", 3191281)]


def test_a_pages_counter_of_views_is_no_visit():
    text = Text("تاریخ انتشار: ۰۲/۰۸/۱۰ بدون نظر   45 بازدید\n\nشهردار تبریز گفت.", "fa",
                date(2023, 11, 1))
    assert run_extractors(text, "IR", True).entities["events"] == ()
    # (a visit a figure counts, told on, is one)
    text = Text("امروز ۳ بازدید از کارخانه های تبریز انجام شد.", "fa", date(2023, 11, 1))
    assert [e.type for e in run_extractors(text, "IR", True).entities["events"]] == ["visit"]


def test_what_happened_during_an_event_told_is_on_its_day_and_at_its_place():
    assert happened("Кметът на Видин беше на посещение в Крайова на 3 юни 2023 г.\n\nПо време "
                    "на визитата двамата кметове подписаха споразумение за сътрудничество.",
                    "bg") == {("visit", "2023-06-03", "Craiova"),
                              ("agreement", "2023-06-03", "Craiova")}
    # at its end too
    assert ("agreement", "2023-06-03", "Craiova") in happened(
        "На 3 юни 2023 г. в Крайова се проведе среща на дунавските кметове.\n\nВ края на "
        "срещата кметовете подписаха меморандум.", "bg")


def test_a_meeting_on_the_sidelines_of_another_is_one_of_its_own():
    text = Text("На 3 юни 2023 г. кметът на Видин участва във форума на дунавските градове в "
                "Русе. В кулоарите на форума той се срещна с кмета на Гюргево.", "bg")
    found = run_extractors(text, "BG", True).entities["events"]
    assert [(e.type, e.start, e.city) for e in found] == [
        ("meeting", "2023-06-03", 727523), ("meeting", "2023-06-03", 727523)]
    # (told again, it is the one)
    text = Text("На 3 юни 2023 г. кметът на Видин участва във форума на дунавските градове в "
                "Русе. По време на форума той се срещна с кмета на Гюргево.", "bg")
    assert len(run_extractors(text, "BG", True).entities["events"]) == 1


def test_visitors_are_no_visit():
    assert [e[0] for e in events("Sergi 10-20 Mayıs 2024 tarihleri arasında Malatya'da "
                                 "ziyaretçilere açık kaldı.", "tr")] == ["festival"]
    assert [e[0] for e in events("Изложбата в Плевен беше отворена за посетители на 10 май "
                                 "2024 г.", "bg")] == ["festival"]


def test_a_turkish_reception_is_a_visit_and_a_gala_night_a_festival():
    assert [e[0] for e in events("Heyet, 10 Mayıs 2024'te Malatya Belediye Başkanı tarafından "
                                 "makamında kabul edildi.", "tr")] == ["visit"]
    assert [e[0] for e in events("Konuklar 11 Mayıs 2024'te Malatya'da düzenlenen Dostluk "
                                 "Gecesi'ne katıldı.", "tr")] == ["festival"]
    # (a motion carried is a resolution)
    assert [e[0] for e in events("Teklif 10 Mayıs 2024'te Malatya Belediye Meclisi'nde oy "
                                 "birliğiyle kabul edildi.", "tr")] == ["agreement"]


def test_what_happened_at_the_end_of_a_trip_is_on_its_last_day():
    text = Text("هیئت شهرداری تبریز از ۲۰ تا ۲۴ اردیبهشت ۱۴۰۳ به سئول سفر کرد.\n\nدر پایان این "
                "سفر، تفاهم نامه همکاری میان دو شهر به امضا رسید.", "fa")
    found = run_extractors(text, "IR", True).entities["events"]
    assert [(e.type, e.start) for e in found] == [("visit", "2024-05-09"),
                                                 ("agreement", "2024-05-13")]


def test_tomorrow_is_the_day_after_the_pages():
    text = Text("Başkan yarın Tiflis'e gidecek.", "tr", date(2024, 6, 15))
    assert [(e.type, e.start) for e in run_extractors(text, "TR", True).entities["events"]] \
        == [("visit", "2024-06-16")]
    text = Text("شهردار تهران فردا در اجلاس شهرداران در سئول شرکت می کند.", "fa",
                date(2024, 6, 15))
    assert [(e.type, e.start) for e in run_extractors(text, "IR", True).entities["events"]] \
        == [("meeting", "2024-06-16")]


def test_an_undated_headline_festival_is_the_main_one_not_its_sidelines():
    text = Text("برگزاری هفته فرهنگی ارمنستان در تبریز\n\nهفته فرهنگی ارمنستان از ۱۵ تا ۲۱ آبان "
                "۱۴۰۲ در تبریز برگزار می‌شود.\n\nنمایشگاه صنایع دستی در حاشیه این هفته فرهنگی "
                "برپا شده است.", "fa")
    found = run_extractors(text, "IR", True).entities["events"]
    assert [(e.type, e.start) for e in found] == [("festival", "2023-11-06"),
                                                 ("festival", "2023-11-06")]
    # an opening's ceremony is one; a bylaw (آیین نامه) is none
    assert [e[0] for e in events("آیین افتتاح جشنواره روز ۱۵ آبان ۱۴۰۲ در تبریز برگزار شد.",
                                 "fa")] == ["festival"]
    assert events("آیین نامه شورای شهر تبریز روز ۱۵ آبان ۱۴۰۲ ابلاغ شد.", "fa") == []


def test_what_was_discussed_is_no_meeting_of_its_own():
    # مورد گفت و گو قرار گرفت: was talked over (in the meeting already told)
    assert events("مسائل گردشگری و تجارت در تبریز مورد گفت و گو قرار گرفت.", "fa") == []
    assert [e[0] for e in events("شهرداران در تبریز گفت و گو کردند.", "fa")] == ["meeting"]


def test_a_sentence_of_last_week_takes_no_day_from_its_neighbours():
    text = Text("شهردار تبریز امروز گفت: در نشستی که هفته گذشته در ارومیه داشتیم، طرح بررسی "
                "شد.", "fa", date(2023, 9, 28))
    assert [(e.type, e.start) for e in run_extractors(text, "IR", True).entities["events"]] \
        == [("meeting", None)]


def test_a_surname_a_feasts_word_begins_is_no_festival():
    assert [e[0] for e in events("Başkan 20 Mart 2024'te Gence'de Niyazi Bayramov ile "
                                 "görüştü.", "tr")] == ["meeting"]


def test_today_nearer_the_word_than_another_clauses_date_is_its_day():
    found = happened("Делегации от Охрид и Брашов пристигнаха днес във Велико Търново, за да "
                     "участват в празника на града – 22 март.", "bg", "2024-03-21T10:00:00")
    assert ("visit", "2024-03-21", "Veliko Tŭrnovo") in found
    assert ("festival", "2024-03-22", "Veliko Tŭrnovo") in found


def test_a_persian_council_approving_is_a_resolution_and_a_trip_for_a_signing_its_day():
    assert [e[0] for e in events("طرح خواهرخواندگی اصفهان و کوبه روز ۲۸ مهر ۱۴۰۲ در شورای "
                                 "شهر اصفهان به تصویب رسید.", "fa")] == ["agreement"]
    assert sorted(e[:2] for e in events("تفاهم نامه در سفر هیئت کوبه به اصفهان در آذر ۱۴۰۲ "
                                        "امضا شد.", "fa")) == [
        ("agreement", "2023-11-22"), ("visit", "2023-11-22")]


def test_a_turkish_sentence_opening_at_the_meeting_told_is_on_its_day():
    found = events("Kayseri Büyükşehir Belediye Meclisi 3 Nisan 2024 tarihinde toplandı.\n\n"
                   "Toplantıda, Kayseri ile Erbil arasında kardeş şehir ilişkisi kurulmasına "
                   "ilişkin teklif oy birliğiyle kabul edildi.", "tr")
    assert sorted(e[:2] for e in found) == [("agreement", "2024-04-03"),
                                           ("meeting", "2024-04-03")]
    # and a session told by its month only is the one held on a day of it
    found = events("Meclis Nisan Ayı Toplantısı Yapıldı\n\nMeclisin Nisan ayı toplantısı, "
                   "Başkan Vekili başkanlığında 3 Nisan 2024 tarihinde Kayseri'de yapıldı.", "tr")
    assert [e[:2] for e in found] == [("meeting", "2024-04-03")]
    # (Bulgarian: the words that open it)
    found = events("На 3 юни 2024 г. в Русе се проведе среща на кметовете на Русе и Гюргево."
                   "\n\nНа срещата беше подписан меморандум за сътрудничество.", "bg")
    assert ("agreement", "2024-06-03", "2024-06-03", 727523) in found


def test_what_the_headline_tells_on_the_day_it_gives_is_of_that_day():
    text = Text("Делегацията от Плевен и представители на община Миасто проведоха работна "
                "среща в Полша.", "bg", None, "Днес, 12.05.23г. делегацията от Плевен посети "
                "Полша")
    found = run_extractors(text, "BG", True).entities["events"]
    assert {(e.type, e.start) for e in found} == {("visit", "2023-05-12"),
                                                 ("meeting", "2023-05-12")}
    # (a headline with no happening's word dates none)
    text = Text("Делегацията от Плевен проведе работна среща в Краков.", "bg", None,
                "Плевен, 12.05.23г.")
    assert {e.start for e in run_extractors(text, "BG", True).entities["events"]} == {None}


def test_a_turkish_sentence_opening_within_the_visit_told_is_on_its_day():
    found = events("Nevşehir Belediye Başkanı ve beraberindeki heyet, 20 Mart 2024'te kardeş "
                   "şehir Gence'yi ziyaret ederek bir dizi temasta bulundu.\n\nZiyaret "
                   "kapsamında iki şehir arasında turizm protokolü imzalandı.", "tr")
    assert ("agreement", "2024-03-20", "2024-03-20", 586523) in found


@pytest.mark.parametrize(("text", "language", "expected"), [
    ("Kardeş şehir ilişkisinin 25. yılı, 3 Ekim 2021 tarihinde Mersin'de düzenlenen bir "
     "törenle kutlandı.", "tr", ("festival", "2021-10-03", "Mersin")),
    ("На 9 юни 2018 г. в Габрово се проведе честване на 20-годишнината от "
     "побратимяването.", "bg", ("festival", "2018-06-09", "Gabrovo")),
    ("گرامیداشت روز شهر روز ۸ آبان ۱۴۰۰ در شهر کرمان برگزار شد.", "fa",
     ("festival", "2021-10-30", "Kerman")),
], ids=["tr", "bg", "fa"])
def test_a_celebration_or_commemoration_is_a_festival(text, language, expected):
    assert expected in happened(text, language)


def test_a_mayor_congratulating_someone_is_no_celebration():
    assert happened("Başkan Yılmaz, 3 Ekim 2021 tarihinde sınavda başarılı olan öğrencileri "
                    "kutladı.", "tr") == set()


def test_a_place_visited_with_its_country_before_the_word_for_visiting():
    assert happened("شهردار اراک روز ۲۰ مهر ۱۴۰۲ از شهر سلیمانیه عراق دیدن کرد.", "fa") == {
        ("visit", "2023-10-12", "Sulaymaniyah")}

"""Relations: twin, friendship and member ties, with the year they began."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.entity_scoring import score
from parsers.languages import profiles
from parsers.organizations import a_seat, find_organizations
from parsers.page import parse_page, read_html
from parsers.text import Text, fold

SHARED_GOLD = Path(__file__).resolve().parents[2] / "shared" / "gold"


def relations(text: str, language: str) -> list[dict]:
    """Paragraphs as <p>, lines that start with '* ' as a list, as sites write them."""
    blocks = [f"<ul><li>{p[2:]}</li></ul>" if p.startswith("* ") else f"<p>{p}</p>"
              for p in text.split("\n\n")]
    page = f"<html lang='{language}'><body><div>{''.join(blocks)}</div></body></html>"
    record = parse_page(read_html(page.encode(), "text/html; charset=utf-8", language))
    return record.to_dict()["relations"]


def test_a_heading_hands_its_cue_to_the_history_below():
    text = ("КРАТКА ИСТОРИЯ НА ПОБРАТИМЯВАНЕТО\n\nВ края на 1995г. между Община Казанлък и "
            "Община Кочани е подписан Протокол за намерение, а през 1996г. е осъществен "
            "обмен на делегации между двете общини и техните културни институции.")
    found = relations(text, "bg")
    assert [(r["type"], {r["a"], r["b"]}, r["since"]) for r in found] == [
        ("twin", {730496, 789403}, "1995")]


def twins(text: str, language: str) -> set[frozenset]:
    return {frozenset((r["a"], r["b"])) for r in relations(text, language) if r["type"] == "twin"}


def test_a_list_of_twin_towns_after_a_colon():
    text = ("Kayseri Büyükşehir Belediye Meclisi kararıyla Kayseri ile Erbil kardeş şehir oldu. "
            "Kayseri'nin kardeş şehirleri şunlar:\n\n* Saarbrücken, Almanya\n\n* Krefeld, Almanya"
            "\n\n* Mostar, Bosna-Hersek")
    pairs = twins(text, "tr")
    kayseri = 308464
    assert {frozenset((kayseri, x)) for x in (95446, 2842647, 2884509, 3194828)} <= pairs


def test_members_are_the_cities_the_cue_names_and_this_body_is_the_one_named_before():
    text = ("Асоциация “Кметове за Мир”\n\nПолучено е удостоверение за членство на Казанлък "
            "от 15 октомври 2004 г., подписано от г-н Тадатоши Акиба, кмет на Хирошима.\n\n"
            "Мрежа на средно големите европейски градове\n\nНяма документ за членството на "
            "Казанлък в тази мрежа.")
    found = {(r["a"], r["organization"], r["since"]) for r in relations(text, "bg")}
    assert found == {(730496, "Асоциация “Кметове за Мир”", "2004"),
                     (730496, "Мрежа на средно големите европейски градове", None)}


def test_seed_gold_relations():
    if not SHARED_GOLD.exists():
        pytest.skip("../shared/gold is not beside this checkout")
    pairs = []
    for path in sorted(SHARED_GOLD.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        found = relations(gold["main_text"], gold["lang"])
        pairs.append(({"relations": found}, gold))
    assert score(pairs)["overall"]["relations"]["f1"] >= 0.85


def test_a_line_naming_one_city_opens_a_list_of_its_twins():
    text = ("Büyükşehir Belediye Meclisi'nin bu ayki toplantısında alınan kararla yeni bir "
            "kardeş şehir ilişkisi kuruldu ve meclis üyeleri kararı oy birliğiyle kabul etti.\n\n"
            "Erbil ile birlikte Kayseri'nin kardeş şehirleri şunlar oldu:\n\n"
            "* Krefeld, Almanya\n\n* Mostar, Bosna-Hersek")
    pairs = twins(text, "tr")
    kayseri = 308464
    assert pairs == {frozenset((kayseri, 95446)), frozenset((kayseri, 2884509)),
                     frozenset((kayseri, 3194828))}


def test_turkish_cities_said_to_be_sisters_are_twins():
    assert twins("Ordu, Gürcistan'ın Batum kenti ile 2005 yılından bu yana kardeştir.", "tr") \
        == {frozenset((741100, 615532))}
    assert twins("Kardeş ülke Azerbaycan'ın Gence şehrinden gelen heyet Ordu'yu ziyaret etti.",
                 "tr") == set()


def test_a_tie_only_proposed_is_no_tie():
    assert relations("Кметовете на Казанлък и Сома обсъдиха възможностите за "
                     "побратимяване на двата града.", "bg") == []
    assert relations("پیشنهاد خواهرخواندگی تهران و استانبول مطرح شد.", "fa") == []
    # a wish or a plan is no tie either
    assert relations("Konya, Tahran'ın kardeş şehirleri arasında yer almak istiyor.", "tr") == []
    assert relations("قرار است خواهرخواندگی تهران و آنکارا امضا شود.", "fa") == []
    # agreed to be signed (… imzalanması kararlaştırıldı): not yet
    assert relations("Görüşmede Konya ile Tebriz arasında gelecek yıl kardeş şehir protokolü "
                     "imzalanması kararlaştırıldı.", "tr") == []
    assert len(relations("Konya ile Tahran 2010 yılından beri kardeş şehirdir.", "tr")) == 1


def test_a_city_named_only_as_the_venue_is_no_side_of_the_tie():
    found = relations("Срещата на побратимените градове се проведе в гр. Ксанти, Гърция.\n\n"
                      "Община Казанлък е побратимена с Община Кочани.", "bg")
    pairs = {frozenset((r["a"], r["b"])) for r in found if r["type"] == "twin"}
    assert pairs == {frozenset((730496, 789403))}
    # named as a side too (Верия ... във Верия), it stays one
    found = relations("Община Казанлък и Верия, Гърция – договор за побратимяване, подписан "
                      "на 14.09.2001 г. във Верия.", "bg")
    assert {frozenset((r["a"], r["b"])) for r in found} == {frozenset((730496, 733905))}


def test_since_is_the_gregorian_year_with_the_year_and_calendar_as_written():
    text = ("شهرهای شیراز و نانجینگ از سال ۱۳۸۶ خواهرخوانده هستند و هر سال هیئت هایی میان "
            "دو شهر رفت و آمد می کنند.")
    [tie] = [r for r in relations(text, "fa") if r["type"] == "twin"]
    assert (tie["since"], tie["since_text"], tie["since_calendar"]) == ("2007", "1386", "jalali")
    [kochani] = relations("В края на 1995г. Казанлък и Кочани станаха побратимени градове.",
                          "bg")
    assert (kochani["since"], kochani["since_text"], kochani["since_calendar"]) == (
        "1995", "1995", "gregorian")


def test_a_seat_on_a_council_is_no_membership_of_the_city():
    text = ("Община Казанлък е член на Асоциацията на дунавските общини от 2005 г.\n\n"
            "На срещата в Казанлък присъстваха кметът на Кочани и член на Общинския съвет "
            "на Кочани.")
    found = [(r["a"], r["organization"]) for r in relations(text, "bg") if r["type"] == "member"]
    # the body's name ends before the words that follow it ("от 2005 г.")
    assert found == [(730496, "Асоциацията на дунавските общини")]


def test_a_list_of_partners_without_its_city_is_the_pages_citys():
    text = ("Kayseri Büyükşehir Belediyesi yeni bir kültür merkezi açtı.\n\nŞehrimiz daha önce "
            "Almanya'dan Krefeld, Bosna-Hersek'ten Mostar ve Fransa'dan Lyon şehirleriyle "
            "kardeş şehir oldu.")
    pairs = twins(text, "tr")
    kayseri = 308464
    assert pairs == {frozenset((kayseri, x)) for x in (2884509, 3194828, 2996944)}


def test_a_line_that_goes_on_with_a_headed_list_ties_its_cities_to_the_lists_city():
    text = ("KAYSERİ'NİN KARDEŞ ŞEHİRLERİ\n\nKayseri daha önce Erbil ve Mostar ile kardeş "
            "şehir olmuştu. Bunlara Krefeld ve Saarbrücken de eklendi.")
    pairs = twins(text, "tr")
    kayseri, krefeld, saarbruecken = 308464, 2884509, 2842647
    assert {frozenset((kayseri, krefeld)), frozenset((kayseri, saarbruecken))} <= pairs
    assert frozenset((krefeld, saarbruecken)) not in pairs  # two of its list, not a pair


@pytest.mark.parametrize("joined", [" ", "\u200c", ""])
def test_a_persian_twinning_is_read_however_its_compound_is_joined(joined):
    text = f"شهرداران شیراز و کازان تفاهم نامه خواهر{joined}خواندگی دو شهر را امضا کردند."
    assert twins(text, "fa") == {frozenset((115019, 551487))}  # Shiraz, Kazan


@pytest.mark.parametrize("text", [
    "شهردار شیراز خواستار خواهر خواندگی شیراز و کازان شد.",  # called for
    "شهردار شیراز در خصوص خواهر خواندگی شیراز و کازان گفت و گو کرد.",  # talked about
])
def test_a_persian_twinning_called_for_or_talked_about_is_no_tie(text):
    assert twins(text, "fa") == set()


@pytest.mark.parametrize("text, language, pair", [
    ("Кметовете на Варна и Одеса се срещнаха.\n\nДоговорът за побратимяване на двата града "
     "е подписан през 1995 г.", "bg", (726050, 698740)),
    ("Bursa ve Krefeld belediye başkanları görüştü. İki şehir 1990 yılında kardeş şehir oldu.",
     "tr", (750269, 2884509)),
    ("شهرداران شیراز و کازان روز گذشته در تالار شهرداری با یکدیگر دیدار کردند.\n\n"
     "تفاهم نامه خواهر خواندگی دو شهر در پایان این دیدار امضا شد.", "fa", (115019, 551487)),
])
def test_a_tie_of_the_two_cities_is_between_the_two_named_last_before(text, language, pair):
    assert twins(text, language) == {frozenset(pair)}


def test_the_two_cities_name_no_pair_where_one_city_came_before():
    assert twins("Кметът на Варна се срещна с гости.\n\nДоговорът за побратимяване на двата "
                 "града е подписан през 1995 г.", "bg") == set()


def test_two_cities_named_with_the_cue_are_tied_to_each_other():
    text = ("İzmir Büyükşehir Belediyesi yeni bir park açtı.\n\nKayseri ile Erbil 2014 yılında "
            "kardeş şehir oldu.")
    found = [(frozenset((r["a"], r["b"])), r["since"]) for r in relations(text, "tr")]
    assert found == [(frozenset((308464, 95446)), "2014")]


@pytest.mark.parametrize("own, expected", [("", 0), ("Община Русе", 3)])
def test_a_list_of_twin_towns_needs_the_city_whose_list_it_is(own, expected):
    text = (f"{own or 'Общината'} поддържа връзки с градове от цяла Европа в областта на "
            "културата, образованието и туризма.\n\nПОБРАТИМЕНИ ГРАДОВЕ:\n\n"
            "Крагуевац, Сърбия\n\nКонстанца, Румъния\n\nОдеса, Украйна")
    found = relations(text, "bg")
    assert len(found) == expected
    assert all(727523 in (r["a"], r["b"]) for r in found)  # Русе, where it is named


@pytest.mark.parametrize("text, expected", [
    ("Кметът на Ямбол подписа споразумение за сътрудничество с кмета на Одрин.",
     {("friendship", frozenset((725578, 747712)))}),
    ("В стремежа си към бъдещо развитие на връзките, Габрово и Кочани подписаха договор за "
     "побратимяване.", {("twin", frozenset((731549, 789403)))}),
    ("Кметовете на Габрово и Кочани договориха договор за побратимяване, който да бъде "
     "подписан през май.", set()),
])
def test_a_tie_made_is_a_tie_and_one_still_to_be_signed_is_none(text, expected):
    assert {(r["type"], frozenset((r["a"], r["b"]))) for r in relations(text, "bg")} == expected


def test_a_city_in_the_genitive_before_another_only_says_where_that_one_lies():
    text = ("İzmir Büyükşehir Belediyesi yeni bir park açtı.\n\nAnkara'nın Çankaya ilçesi ile "
            "Hatay'ın Antakya ilçesi arasında kardeş kent protokolü imzalandı.")
    pairs = {frozenset((r["a"], r["b"])) for r in relations(text, "tr")}
    assert pairs == {frozenset((6955677, 323779))}  # Çankaya and Antakya, not Ankara


def test_a_city_right_before_a_districts_municipality_only_says_where_it_lies():
    text = ("Gölcük ile Makedonya Üsküp Karpoş Belediyesi kardeş şehir oldu.\n\nBursa "
            "Büyükşehir Belediyesi ile Kırşehir Belediyesi de kardeş kent oldu.")
    pairs = {frozenset((r["a"], r["b"])) for r in relations(text, "tr")}
    assert 785842 not in {gid for pair in pairs for gid in pair}  # Skopje is no side
    assert frozenset((750269, 307515)) in pairs  # Bursa and Kırşehir


def test_the_city_a_body_met_in_is_no_member_of_it():
    text = "Tarihi Kentler Birliği'nin üyesi olan kentler bu yılki toplantıyı Bursa'da yaptı."
    assert [r for r in relations(text, "tr") if r["type"] == "member"] == []


def test_a_city_part_of_a_network_is_its_member():
    found = relations("От 2017 г. Пловдив е част от Мрежата на творческите градове на ЮНЕСКО.",
                      "bg")
    assert [(r["a"], r["organization"], r["since"]) for r in found] == [
        (728193, "Мрежата на творческите градове на ЮНЕСКО", "2017")]
    assert relations("Пловдив е част от програмата за развитие на региона.", "bg") == []


def test_a_city_included_in_a_network_or_part_of_it_is_its_member():
    assert members("Gaziantep, 2015 yılında UNESCO Yaratıcı Şehirler Ağı'na gastronomi "
                   "alanında dahil edildi.", "tr") == {(314830, "UNESCO Yaratıcı Şehirler Ağı")}
    # a body in the genitive owns the one after it: that one is joined
    assert members("Bursa Büyükşehir Belediyesi, Avrupa Konseyi'nin Kültürlerarası Şehirler "
                   "Ağı'nın bir parçası oldu.", "tr") == {(750269, "Kültürlerarası Şehirler Ağı")}
    assert members("Bursa, yeni projeye dahil edildi.", "tr") == set()
    # a word's parts a zero-width non-joiner joins are one word of the name
    assert members("کلانشهر مشهد از سال ۱۳۸۹ عضو سازمان همکاری\u200cهای شهرهای اسلامی است.",
                   "fa") == {(124665, "سازمان همکاری\u200cهای شهرهای اسلامی")}
    # (the noun of the verb "joined" is no word of the body's name)
    assert members("شیراز به عنوان عضو جدید به سازمان شهرهای جهانی ملحق شد.", "fa") == {
        (115019, "سازمان شهرهای جهانی")}


def test_a_club_or_a_league_is_a_body_a_city_joins():
    found = relations("Троян стана член на Балканския клуб през 2015 г.", "bg")
    assert [(r["type"], r["organization"], r["since"]) for r in found] == [
        ("member", "Балканския клуб", "2015")]


@pytest.mark.parametrize(("text", "body", "since"), [
    ("شهر یزد در سال ۲۰۱۷ به عضویت شبکه شهرهای خلاق یونسکو درآمد.",
     "شبکه شهرهای خلاق یونسکو", "2017"),
    ("شهر کرمان به سازمان شهرهای میراث جهانی پیوست.", "سازمان شهرهای میراث جهانی", None),
    # a longer name, its initials closing it: whole, its "and" too
    ("شهر قم در سال ۲۰۱۹ به عضویت سازمان جهانی شهرها و دولت‌های محلی متحد (UCLG) درآمد.",
     "سازمان جهانی شهرها و دولت\u200cهای محلی متحد", "2019"),
])
def test_a_persian_network_is_named_by_three_words_at_most_or_all_its_initials_close(
        text, body, since):
    assert [(r["type"], r["organization"], r["since"]) for r in relations(text, "fa")] == [
        ("member", body, since)]


def test_a_bodys_own_name_before_its_gloss_in_brackets_is_its_name():
    found = relations("Kartal Belediyesi geçen yıl METREX (Avrupa Metropol Bölgeleri Ağı) "
                      "ağına katılarak üye oldu.", "tr")
    assert [(r["type"], r["organization"]) for r in found] == [("member", "METREX")]


def test_the_year_before_a_bodys_name_is_when_not_its_name():
    found = relations("Alanya Belediyesi 2012 yılında Akdeniz Kıyı Kentleri Birliği'ne üye "
                      "oldu.", "tr")
    assert [(r["organization"], r["since"]) for r in found] == [
        ("Akdeniz Kıyı Kentleri Birliği", "2012")]
    # nor is the city named before the year (the name's pattern may start at it)
    found = relations("Bursa 2015 yılında Marmara Belediyeler Birliği'ne üye oldu ve "
                      "çalışmalara katıldı.", "tr")
    assert [(r["organization"], r["since"]) for r in found] == [
        ("Marmara Belediyeler Birliği", "2015")]


def test_a_bodys_long_name_is_whole_and_a_persons_before_it_is_none_of_it():
    # five words between its first capital and its word
    assert members("Kayseri Büyükşehir Belediyesi Birleşmiş Kentler ve Yerel Yönetimler Dünya "
                   "Teşkilatı üyesidir.", "tr") == {
        (308464, "Birleşmiş Kentler ve Yerel Yönetimler Dünya Teşkilatı")}
    # an office, a name of two words; a title and a surname
    found = [o.name for o in find_organizations(Text(
        "Kayseri Büyükşehir Belediye Başkanı Memduh Büyükkılıç Türk Dünyası Belediyeler "
        "Birliği toplantısına katıldı. Başkan Büyükkılıç Avrasya Belediyeler Birliği "
        "toplantısında konuştu.", "tr"))]
    assert found == ["Türk Dünyası Belediyeler Birliği", "Avrasya Belediyeler Birliği"]
    # (many holders of an office in a name are its words)
    found = [o.name for o in find_organizations(Text(
        "Kayseri, Türkiye Belediye Başkanları Turizm Kültür Platformu üyesidir.", "tr"))]
    assert found == ["Türkiye Belediye Başkanları Turizm Kültür Platformu"]


def test_a_body_named_by_capitals_after_its_word_and_a_person_after_it_is_none():
    # the word first, then the name in capitals, no quotes: a member body
    assert members("Община Хасково е член на мрежата Енергийни Градове от 2011 г.", "bg") == {
        (730435, "мрежата Енергийни Градове")}
    # a first name or a title after the word begins its chair's name, not the body's
    for text in ("Председателят на сдружението Стоян Колев откри срещата.",
                 "Председателят на сдружението г-н Колев откри срещата."):
        assert find_organizations(Text(text, "bg")) == []


@pytest.mark.parametrize(("text", "language", "home", "partners"), [
    ("Yalova Belediyesi yeni projelerini tanıttı. İlçemizin Bosna Hersek'teki Tuzla ve "
     "Azerbaycan'daki Gence ile kardeşlik ilişkisi bulunmaktadır.", "tr", 738025,
     {3188582, 586523}),
    ("Община Хасково представи новите си проекти. Градът има споразумения за "
     "побратимяване с Брно и Измир.", "bg", 730435, {3078610, 311046}),
], ids=["tr", "bg"])
def test_cities_listed_after_the_word_for_with_are_partners_of_the_city_not_a_pair(
        text, language, home, partners):
    assert {frozenset((r["a"], r["b"])) for r in relations(text, language)} == {
        frozenset((home, p)) for p in partners}
    # joined by "between", not "with", the two are each other's
    assert {frozenset((r["a"], r["b"])) for r in relations(
        "Tuzla ve Gence arasında kardeş şehir protokolü imzalandı.", "tr")} == {
        frozenset((3188582, 586523))}


def test_a_body_named_with_its_case_ending_and_no_city_a_letter_went_to():
    found = relations("Bodrum Belediyesi dilekçesini Viyana'ya yolladı ve Mayors for Peace "
                      "platformuna üye oldu.", "tr")
    assert [(r["type"], r["a"], r["organization"]) for r in found] == [
        ("member", 320995, "Mayors for Peace platformu")]


def test_cooperation_is_no_body_a_city_joins():
    found = relations("İzmir, Ege kıyısındaki kentlerle iş birliğini büyütmek için üye olarak "
                      "çalışıyor.", "tr")
    assert [r for r in found if "birliği" in (r["organization"] or "")] == []


@pytest.mark.parametrize("text", [
    "پیوند خواهرخواندگی شیراز و اصفهان سال آینده به نتیجه می رسد.",
    "دو شهردار درباره خواهرخواندگی اصفهان و کرمان تبادل نظر کردند.",
])
def test_a_persian_tie_still_discussed_is_none(text):
    assert relations(text, "fa") == []


def test_a_city_named_as_a_venue_in_another_clause_than_the_tie_is_its_side():
    text = ("Община Габрово поддържа връзки с побратими в чужбина, а миналия месец в град "
            "Гродно гостува група от общината.")
    assert {frozenset((r["a"], r["b"])) for r in relations(text, "bg")} == {
        frozenset((731549, 627904))}  # Gabrovo and Grodno
    text = "Кметът на Габрово подписа споразумение за побратимяване в Гродно."
    assert relations(text, "bg") == []  # where it was signed, in the tie's own clause


def test_a_hedged_line_of_a_list_of_twins_is_no_tie():
    text = ("Общинският съвет на Казанлък одобри програмата за международно сътрудничество "
            "на общината за следващите години.\n\nОбщина Казанлък има следните побратими:\n\n"
            "* Кочани, Северна Македония\n\n* Струмица – предстои подписване на споразумение")
    pairs = {frozenset((r["a"], r["b"])) for r in relations(text, "bg")}
    assert pairs == {frozenset((730496, 789403))}  # Kazanlak and Kochani, not Strumica


def test_a_hall_and_a_union_of_states_are_no_bodies_a_city_joins():
    text = ("Konya Büyükşehir Belediyesi, Ankara Kongre Merkezinde yapılan toplantıda Türk "
            "Devletleri Teşkilatı temsilcileriyle bir araya gelen üye belediyeler arasında "
            "yer aldı.")
    assert [r["organization"] for r in relations(text, "tr") if r["type"] == "member"] == []


def memberships(text: str, language: str) -> list[tuple[int, str, str | None]]:
    """(city, body, since) of each relation, where every one is a membership."""
    found = relations(text, language)
    assert {r["type"] for r in found} <= {"member"}
    return [(r["a"], r["organization"], r["since"]) for r in found]


def members(text: str, language: str) -> set[tuple[int, str]]:
    return {(r["a"], r["organization"]) for r in relations(text, language)
            if r["type"] == "member"}


def test_a_city_whose_mayor_holds_an_office_in_a_body_is_its_member():
    # a network known by one name in every language; its office right after the mayor's
    assert members("Toplantıya Kırşehir Belediye Başkanı ve Eurocities Başkan Yardımcısı "
                   "Ayşe Demir katıldı.", "tr") == {(307515, "Eurocities")}
    # the body named after its office, with "of" (Bulgarian) or none (Persian ezafe)
    assert members("Кметът на Русе и председател на Асоциацията на дунавските общини Таня "
                   "Петрова откри форума.", "bg") == {(727523, "Асоциацията на дунавските общини")}
    assert members("شهردار شیراز و رئیس مجمع شهرداران آسیایی علی رضایی در نشست حضور یافت.",
                   "fa") == {(115019, "مجمع شهرداران آسیایی")}
    # or set off after the mayor's name, "as" its holder
    assert members("Manisa Belediye Başkanı Selim Acar, Marmara Belediyeler Birliği Başkanı "
                   "sıfatıyla konuştu.", "tr") == {(304827, "Marmara Belediyeler Birliği")}
    # the body's initials, given in brackets once, name it later
    assert members("Tarihi Kentler Birliği'nin (TKB) toplantısı yapıldı. Toplantıda TKB Başkanı "
                   "ve Nevşehir Belediye Başkanı Mehmet Kaya konuştu.", "tr") == {
        (303831, "Tarihi Kentler Birliği")}
    # a mayor at a body's meeting holds no office in it
    assert not members("Tarihi Kentler Birliği toplantısında Nevşehir Belediye Başkanı Mehmet "
                       "Kaya konuştu.", "tr")


def test_one_body_by_two_names_is_one_membership():
    found = members("Bodrum Belediyesi Mayors for Peace platformuna üye oldu. Mayors for Peace "
                    "üyesi Bodrum Belediyesi barış günü düzenledi.", "tr")
    assert len(found) == 1 and {a for a, _ in found} == {320995}


def test_a_proposed_tie_the_text_says_was_carried_is_made():
    proposed = ("Meclis toplantısında Kırşehir Belediyesi ile Kars Belediyesi arasında kardeş "
                "şehir ilişkisi kurulması teklifi görüşüldü.")
    assert twins(proposed, "tr") == set()
    assert twins(proposed + " Teklif oy birliği ile kabul edildi.", "tr") == {
        frozenset({307515, 743952})}
    assert twins("Общинският съвет обсъди предложение за побратимяване на Габрово с Охрид. "
                 "Предложението беше прието единодушно.", "bg") == {frozenset({731549, 787487})}
    # carried in another paragraph is another matter
    assert twins(proposed + "\n\nTeklif oy birliği ile kabul edildi.", "tr") == set()


def test_a_place_in_brackets_after_another_only_says_where_it_lies():
    assert twins("Manisa Belediyesi ile Göle Belediyesi (Ardahan) arasında kardeş kent "
                 "ilişkisi kuruldu.", "tr") == {frozenset({304827, 746643})}


def test_a_twin_town_named_with_its_tie_where_something_happens_is_a_side():
    # в побратимения град Охрид: where the festival was, and the twin it names
    found = relations("Делегация от Община Казанлък участва в празниците в побратимения град "
                      "Охрид, Северна Македония.", "bg")
    assert {frozenset((r["a"], r["b"])) for r in found if r["type"] == "twin"} == {
        frozenset((730496, 787487))}  # Kazanlak, Ohrid


def test_a_bodys_name_of_adjectives_goes_on_with_the_words_its_of_names_it_by():
    assert memberships("Община Кърджали е член на Националното сдружение на общините в "
                       "Република България от 1996 г.", "bg") == [
        (729794, "Националното сдружение на общините в Република България", "1996")]


def test_a_city_in_the_genitive_before_a_district_the_index_lacks_is_no_side_of_the_tie():
    text = ("İzmir Büyükşehir Belediyesi yeni bir park açtı.\n\nBursa'nın Osmangazi ilçesi ile "
            "Hatay'ın Defne ilçesi arasında kardeş kent protokolü imzalandı.")
    sides = {g for r in relations(text, "tr") for g in (r["a"], r["b"])}
    assert 323779 not in sides  # Antakya (Hatay) only says where Defne lies


def test_a_member_word_of_a_seat_before_or_after_it_is_no_membership():
    def seat(text: str, language: str) -> bool:
        folded = fold(text, language)
        cue = min(folded.find(w) for w in ("üye", "член") if w in folded)
        return a_seat(folded, cue, profiles()[language])

    assert seat("birliğe emek veren meclis üyelerine teşekkür etti", "tr")
    assert seat("Иван Петров е член на Общинския съвет", "bg")
    assert not seat("Denizli Belediyesi, Enerji Kentleri Birliği üyesi oldu", "tr")
    assert not seat("Бургас е член на Националното сдружение на общините", "bg")


def test_a_covenant_is_a_body_a_city_joins():
    found = {(r["a"], r["organization"], r["since"]) for r in relations(
        "Община Бургас се присъедини към Конвента на кметовете през 2012 г.", "bg")}
    assert found == {(732770, "Конвента на кметовете", "2012")}


def test_a_district_municipality_after_its_city_is_the_side_and_the_two_are_the_last_tie():
    # Ohri only says where Struga lies; "the two municipalities" are the tie's, not the
    # last two names before them
    found = {frozenset((r["a"], r["b"])) for r in relations(
        "Kırklareli Belediyesi, Makedonya Ohri Struga Belediyesi ile resmen kardeş belediye "
        "oldu. İki belediye arasındaki kardeş belediye protokolü Ohri'de imzalandı.", "tr")}
    assert found == {frozenset((743166, 785387))}  # Kırklareli, Struga


@pytest.mark.parametrize(("text", "language", "expected"), [
    # two bodies a conjunction joins are both the city's, each by its own name
    ("Русе е член на Асоциацията на дунавските общини и на мрежата Eurocities.", "bg",
     {"Асоциацията на дунавските общини", "Eurocities"}),
    ("Kayseri, Avrupa Tarihi Kentler Birliği ve Eurocities üyesidir.", "tr",
     {"Avrupa Tarihi Kentler Birliği", "Eurocities"}),
    ("شیراز عضو مجمع شهرداران آسیا و سازمان شهرهای میراث جهانی است.", "fa",
     {"مجمع شهرداران آسیا", "سازمان شهرهای میراث جهانی"}),
])
def test_every_body_a_conjunction_joins_is_a_membership(text, language, expected):
    assert {r["organization"] for r in relations(text, language)
            if r["type"] == "member"} == expected


@pytest.mark.parametrize(("text", "body"), [
    # a Turkish body named right after the municipality that is its member
    ("Bursa Büyükşehir Belediyesi Dünya Miras Kentleri Örgütü üyesidir.",
     "Dünya Miras Kentleri Örgütü"),
    # but a body whose name holds an office's words is one name
    ("Bursa, Avrupa Belediye Başkanları Konseyi üyesidir.", "Avrupa Belediye Başkanları Konseyi"),
])
def test_a_turkish_bodys_name_begins_after_its_members_municipality(text, body):
    assert [r["organization"] for r in relations(text, "tr")] == [body]


@pytest.mark.parametrize(("text", "language"), [
    ("Община Русе поддържа дългогодишни побратимски връзки и активно културно сътрудничество "
     "със следните градове:\n\n* Гюргево, Румъния – от 1993 г.\n\n* Шумен не е побратим, а "
     "партньор по проекта „Дунавски мост“\n\nПрез 2019 г. "
     "Общинският съвет – Русе прие решение за членство в мрежата.", "bg"),
    ("Kayseri Büyükşehir Belediye Meclisi kararıyla Kayseri ile Erbil kardeş şehir oldu. "
     "Kayseri'nin kardeş şehirleri şunlar:\n\n* Kazan, Rusya\n\n* Bursa, Konya'nın kardeş şehri "
     "değil, proje ortağıdır", "tr"),
])
def test_a_city_said_to_be_no_twin_is_none_though_the_next_paragraph_carries_a_proposal(
        text, language):
    names = {727233: "Shumen", 750269: "Bursa"}
    assert not {gid for pair in twins(text, language) for gid in pair} & set(names)
    assert twins(text, language)  # (the list's other line is a twin)


@pytest.mark.parametrize(("text", "language", "bodies"), [
    ("شهر شیراز عضو سازمان شهرهای متحد و دولت‌های محلی (UCLG) و مجمع شهرداران آسیا است و "
     "در نشست‌های آن شرکت می‌کند.", "fa", 2),
    ("Община Русе е член на Асоциацията на дунавските общини (АДО) и на мрежата Eurocities от "
     "много години насам.", "bg", 2),
])
def test_bodies_joined_past_the_first_ones_initials_in_brackets_are_all_joined(
        text, language, bodies):
    members = [r for r in relations(text, language) if r["type"] == "member"]
    assert len({r["organization"] for r in members}) == bodies


@pytest.mark.parametrize(("text", "language"), [
    ("Община Добрич има приятелски отношения с град Бялисток, Полша, от много години насам.",
     "bg"),
    ("Bursa ile Kobe arasındaki dostluk ilişkileri kültür ve eğitim alanında gelişiyor.", "tr"),
    ("تهران و آنکارا از سال ۱۳۷۰ روابط دوستانه شهری دارند و همکاری‌ها ادامه دارد.", "fa"),
    ("شهردار شیراز گفت: پیوند دوستی شیراز و نجف از سال ۱۳۸۵ برقرار است.", "fa"),
])
def test_friendly_relations_between_two_cities_are_a_friendship(text, language):
    assert [r["type"] for r in relations(text, language)] == ["friendship"]


def test_two_cities_twinned_are_no_looser_friends_too():
    found = relations("Кметовете на Пловдив и Екатеринбург подписаха протокол за побратимяване "
                      "на двата града.\n\nПловдив и Екатеринбург поддържат приятелски връзки от "
                      "2012 г., когато двата града подписаха споразумение за културен обмен.",
                      "bg")
    assert [r["type"] for r in found] == ["twin"]


def test_a_city_named_after_a_meetings_word_is_where_it_met_and_no_partner():
    assert twins("مشهد و شهرهای خواهرخوانده آن در نشست استانبول شرکت کردند و از نمایشگاه "
                 "صنایع دستی بازدید کردند.", "fa") == set()
    # (named again as a side of the tie, it is one)
    assert twins("در نشست مشهد، تفاهم نامه خواهرخواندگی مشهد و کربلا به امضای شهرداران دو "
                 "شهر رسید.", "fa") == {frozenset((124665, 94824))}


def test_a_short_paragraph_of_prose_after_a_line_of_one_twin_is_no_item_of_a_list():
    found = twins("Büyükşehir Belediye Başkanı, kardeş şehir Darmstadt'ın davetlisi olarak bugün "
                  "Almanya'ya gitti.\n\nForumun ardından Frankfurt'a geçecek olan Başkan, burada "
                  "temsilcilerle bir araya gelecek.\n\nBaşkan, 16 Ekim'de Bursa'ya dönecek.", "tr")
    assert 2925533 not in {gid for pair in found for gid in pair}  # Frankfurt


@pytest.mark.parametrize(("text", "language", "home", "partners"), [
    ("Община Габрово е домакин на празника.\n\nНа празника присъстваха делегации от "
     "побратимените ни градове. Гости бяха Митишчи, Русия, Аоста, Италия, и Зелена Гура, "
     "Полша.", "bg", 731549, {523812, 3182997, 3080165}),
    ("Bursa Büyükşehir Belediyesi törene ev sahipliği yaptı.\n\nTörene kardeş şehirlerimizden "
     "heyetler katıldı. Konuklar arasında Kobe, Japonya, Rostov, Rusya ve Tebriz, İran "
     "temsilcileri vardı.", "tr", 750269, {1859171, 501175, 113646}),
    ("شهرداری شیراز میزبان جشنواره بود.\n\nهیئت‌هایی از شهرهای خواهرخوانده در این جشنواره "
     "حضور داشتند. میهمانان از نانجینگ، چین، دوشنبه، تاجیکستان و فلورانس، ایتالیا آمده "
     "بودند.", "fa", 115019, {1799962, 1221874, 3176959}),
])
def test_twin_towns_a_sentence_names_none_of_are_the_cities_the_next_one_lists(
        text, language, home, partners):
    assert twins(text, language) == {frozenset((home, gid)) for gid in partners}
    # (not where the next sentence says one went: Кметът посети Варна и Бургас)
    assert not twins("Община Габрово е домакин на празника.\n\nПобратимените градове развиват "
                     "сътрудничество в културата. Кметът посети Варна и Бургас.", "bg")


def test_our_municipality_named_as_a_member_is_the_pages_city():
    assert memberships("Malatya Belediye Başkanı Selahattin Gürkan açıklama yaptı.\n\n"
                       "Belediyemiz 2015 yılından bu yana Tarihi Kentler Birliği üyesidir.",
                       "tr") == [(304922, "Tarihi Kentler Birliği", "2015")]


def test_a_body_joined_at_a_later_date_the_sentence_gives_is_a_membership_since_then():
    assert {(r["organization"], r["since"]) for r in relations(
        "Община Ловеч стана член на Асоциацията на дунавските общини през 2008 г., а през "
        "2013 г. се присъедини към мрежата Eurocities.", "bg")} == {
        ("Асоциацията на дунавските общини", "2008"), ("Eurocities", "2013")}
    assert {(r["organization"], r["since"]) for r in relations(
        "Kayseri Büyükşehir Belediyesi 2004 yılında Tarihi Kentler Birliği'ne, 2011 yılında "
        "ise Eurocities ağına üye oldu.", "tr")} == {
        ("Tarihi Kentler Birliği", "2004"), ("Eurocities ağı", "2011")}
    assert {(r["organization"], r["since"]) for r in relations(
        "شهرداری شیراز در سال ۱۳۸۹ عضو سازمان شهرهای میراث جهانی شد و در سال ۱۳۹۷ به مجمع "
        "شهرداران آسیا پیوست.", "fa")} == {
        ("سازمان شهرهای میراث جهانی", "2010"), ("مجمع شهرداران آسیا", "2018")}
    # a clause of its own between is no second membership (its founders)
    assert [r["organization"] for r in relations(
        "Община Ловеч е член на Асоциацията на дунавските общини, създадена през 2002 г. от "
        "Съюза на българските градове.", "bg")] == ["Асоциацията на дунавските общини"]


def test_the_day_of_a_visit_to_a_twin_is_not_when_the_tie_began():
    found = relations("Кметът на Пловдив посети побратимения град Леверкузен на 5 май 2024 г.",
                      "bg")
    assert [(r["type"], r["since"]) for r in found] == [("twin", None)]
    # (a year the sentence gives the tie is)
    found = relations("Пловдив и Леверкузен са побратими от 1999 г. и кметът посети града.",
                      "bg")
    assert [(r["type"], r["since"]) for r in found] == [("twin", "1999")]


def test_our_twin_towns_named_together_are_each_the_pages_own_twin():
    assert twins("Bursa Büyükşehir Belediyesi festivali düzenledi. Festivale kardeş "
                 "şehirlerimiz Plovdiv ve Kobe'den sanatçılar katıldı.", "tr") == {
        frozenset((750269, 728193)), frozenset((750269, 1859171))}
    # (and a place's word in the plural before them: градове)
    assert twins("Кметът на Габрово посрещна делегации от побратимените ни градове Митищи и "
                 "Шарлевил-Мезиер.", "bg") == {frozenset((731549, 523812)),
                                              frozenset((731549, 3026613))}


def test_the_day_an_anniversary_of_a_tie_is_celebrated_is_not_when_it_began():
    found = relations("Yalova ile Tuzla arasındaki kardeş şehir ilişkisinin 20. yılı, 3 Ekim "
                      "2021 tarihinde düzenlenen etkinliklerle kutlandı.", "tr")
    assert [(r["type"], r["since"]) for r in found] == [("twin", None)]


def test_since_is_the_year_nearest_the_ties_word_not_the_sentences_first():
    found = relations("Kentimiz Kars, 2016 yılında Avrupa Kültür Rotası'na dahil oldu ve "
                      "2020 yılından bu yana Tarihi Kentler Birliği'ne üyedir.", "tr")
    assert [(r["organization"], r["since"]) for r in found] == [("Tarihi Kentler Birliği", "2020")]
    found = relations("شهر کاشان در سال ۲۰۱۲ میزبان جشنواره بود و از سال ۱۳۹۷ عضو سازمان "
                      "شهرهای میراث جهانی است.", "fa")
    assert [(r["organization"], r["since"]) for r in found] == [
        ("سازمان شهرهای میراث جهانی", "2018")]

"""Events: typed, dated, placed; a habit is none; a delegation for a festival is two."""

from __future__ import annotations

from parsers.page import parse_page, read_html


def events(text: str, language: str) -> list[tuple]:
    page = f"<html lang='{language}'><body><div>" + "".join(
        f"<p>{p}</p>" for p in text.split("\n\n")) + "</div></body></html>"
    record = parse_page(read_html(page.encode(), "text/html; charset=utf-8", language))
    return sorted(((e["type"], e["start"], e["end"], e["city"]) for e in record.events),
                  key=lambda e: tuple(map(str, e)))


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
    page = ("<html lang='tr'><head><meta property='article:published_time' "
            "content='2024-04-02T09:00:00'></head><body><article><p>Başkan bugün Edirne'de "
            "Yunan heyetini kabul etti ve heyetle görüştü.</p><p>Ahmet Yılmaz 31 Mart 2024 "
            "seçimlerinde Keşan Belediye Başkanı seçildi.</p></article></body></html>")
    record = parse_page(read_html(page.encode(), "text/html; charset=utf-8", "tr"))
    found = {(e["type"], e["start"]) for e in record.events}
    assert ("visit", "2024-04-02") in found
    assert ("other", "2024-03-31") in found

"""Events: typed, dated, placed; a habit is none; a delegation for a festival is two."""

from __future__ import annotations

from parsers.page import parse_page, read_html


def events(text: str, language: str) -> list[tuple]:
    page = f"<html lang='{language}'><body><div>" + "".join(
        f"<p>{p}</p>" for p in text.split("\n\n")) + "</div></body></html>"
    record = parse_page(read_html(page.encode(), "text/html; charset=utf-8", language))
    return sorted((e["type"], e["start"], e["end"], e["city"]) for e in record.events)


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

"""Dates as ANNOTATION.md normalises them, in the three languages, and what is not a date."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from parsers.calendars import jalali_to_gregorian
from parsers.dates import find_dates
from parsers.text import Text

SHARED_GOLD = Path(__file__).resolve().parents[2] / "shared" / "gold"


def spans(text: str, language: str, published: date | None = None):
    return [(d.start.isoformat(), d.end.isoformat(), d.precision, d.calendar)
            for d in find_dates(Text(text, language, published))]


@pytest.mark.parametrize("text, language, expected", [
    ("на 21-22 февруари 2019 година", "bg", ("2019-02-21", "2019-02-22", "day")),
    ("в САЩ 30.04 - 05.05. 2005 г. в Ню Йорк", "bg", ("2005-04-30", "2005-05-05", "day")),
    ("от 01.03.2015 до 31.03.2015", "bg", ("2015-03-01", "2015-03-31", "day")),
    ("на 14 и 15 май 2018 г.", "bg", ("2018-05-14", "2018-05-15", "day")),
    ("5-6-7 Haziran 2022 tarihlerinde", "tr", ("2022-06-05", "2022-06-07", "day")),
    ("Yayın Tarihi: 3 ARALIK 2024", "tr", ("2024-12-03", "2024-12-03", "day")),
    ("открит на 12.VIII.2024", "bg", ("2024-08-12", "2024-08-12", "day")),
    # a Roman month in Cyrillic look-alike letters, or set off by spaces alone
    ("Откриването е на 30.ІХ.2021 г.", "bg", ("2021-09-30", "2021-09-30", "day")),
    ("Сесията беше на 3 XI 2017 г.", "bg", ("2017-11-03", "2017-11-03", "day")),
    ("Изложбата се откри на 11-и март 2016 г.", "bg", ("2016-03-11", "2016-03-11", "day")),
    ("Заседанието е на 14. 03. 2019 г.", "bg", ("2019-03-14", "2019-03-14", "day")),
    ("Toplantı 7.04. 2023 tarihinde", "tr", ("2023-04-07", "2023-04-07", "day")),
    ("Публикувано на: 25-ти юни 2022", "bg", ("2022-06-25", "2022-06-25", "day")),
    ("в края на март 2019", "bg", ("2019-03-01", "2019-03-31", "month")),
    ("през 2007г. официално", "bg", ("2007-01-01", "2007-12-31", "year")),
    ("От 2003 до 2007 г. е заместник-кмет", "bg", ("2003-01-01", "2007-12-31", "year")),
    ("2019 yılında kuruldu", "tr", ("2019-01-01", "2019-12-31", "year")),
    ("2021 yılı Kasım ayında kurulan", "tr", ("2021-11-01", "2021-11-30", "month")),
    ("آبان ماه سال ۱۳۸۷ خورشیدی", "fa", ("2008-10-22", "2008-11-20", "month")),
    ("از سال ۱۳۹۴ عضو", "fa", ("2015-03-21", "2016-03-19", "year")),
    ("اوایل مهر ۱۴۰۰", "fa", ("2021-09-23", "2021-10-22", "month")),
    ("در خرداد ۹۸ امضا شد", "fa", ("2019-05-22", "2019-06-21", "month")),
    ("اوایل سال ۹۶ امضا شد", "fa", ("2017-03-21", "2018-03-20", "year")),
    ("از ۱۰ تا ۱۲ ماه مهر ۱۳۹۹ برگزار شد", "fa", ("2020-10-01", "2020-10-03", "day")),
    ("روز ٢٥ آذر ١٣٩٨", "fa", ("2019-12-16", "2019-12-16", "day")),
    ("تاریخ انتشار: ۰۲/۰۸/۱۰", "fa", ("2023-11-01", "2023-11-01", "day")),
    ("از سیزدهم تا شانزدهم مرداد ۱۳۹۴", "fa", ("2015-08-04", "2015-08-07", "day")),
    ("نوامبر ۲۰۰۸ میلادی", "fa", ("2008-11-01", "2008-11-30", "month")),
    # one mark joining day, month and year; dashes and slashes in figures
    ("Toplantı 12.Mart.2019 tarihinde yapıldı.", "tr", ("2019-03-12", "2019-03-12", "day")),
    # the day after its month and its "of", with its case ending
    ("Tören 2021 yılı Nisan ayının 23'ünde yapıldı.", "tr", ("2021-04-23", "2021-04-23", "day")),
    ("Etkinlik 3-Ekim-2021 tarihinde başladı.", "tr", ("2021-10-03", "2021-10-03", "day")),
    ("Kayıtlar 15-01-2020 tarihinde açıldı.", "tr", ("2020-01-15", "2020-01-15", "day")),
    ("Rapor 2020/01/15 tarihinde yayımlandı.", "tr", ("2020-01-15", "2020-01-15", "day")),
    # periods of years and of months
    ("Proje 2015-2019 yılları arasında sürdü.", "tr", ("2015-01-01", "2019-12-31", "year")),
    ("Plan 2021-2027 döneminde uygulanacak.", "tr", ("2021-01-01", "2027-12-31", "year")),
    ("Ocak-Şubat 2020 döneminde", "tr", ("2020-01-01", "2020-02-29", "month")),
    ("Birliğin 2023 Ekim ayı meclis toplantısı", "tr", ("2023-10-01", "2023-10-31", "month")),
    ("Kasaba 2009 itibarıyla büyüdü.", "tr", ("2009-01-01", "2009-12-31", "year")),
    ("Köprü 1987 senesinde yapıldı.", "tr", ("1987-01-01", "1987-12-31", "year")),
    ("Sergi 2016'nın sonunda açıldı.", "tr", ("2016-01-01", "2016-12-31", "year")),
    ("Okul 2016 yazında yenilendi.", "tr", ("2016-01-01", "2016-12-31", "year")),
    ("Срещнаха се през есента на 2016 в Пловдив.", "bg", ("2016-01-01", "2016-12-31", "year")),
    ("در پاییز ۱۳۹۵ افتتاح شد", "fa", ("2016-03-20", "2017-03-20", "year")),
    ("Панаирът е от 03 до 06.09.2016 г.", "bg", ("2016-09-03", "2016-09-06", "day")),
    ("Fuar 3-6.09.2016 tarihlerinde yapıldı.", "tr", ("2016-09-03", "2016-09-06", "day")),
    ("Програмата за 2021 – 2027 г. е приета.", "bg", ("2021-01-01", "2027-12-31", "year")),
    # a school or a season's year: two years a slash joins, marked
    ("Учебната 2023/2024 г. започна.", "bg", ("2023-01-01", "2024-12-31", "year")),
    ("през януари – март 2020 г.", "bg", ("2020-01-01", "2020-03-31", "month")),
    # the first date of a range keeps its year's mark
    ("Ремонтът трае от октомври 2022 г. до април 2023 г.", "bg",
     ("2022-10-01", "2023-04-30", "month")),
    ("Курсът е от 3 октомври 2022 г. - 7 април 2023 г.", "bg",
     ("2022-10-03", "2023-04-07", "day")),
    ("در سال‌های ۱۳۶۰ تا ۱۳۶۸ ساخته شد", "fa", ("1981-03-21", "1990-03-20", "year")),
    ("از سال ۲۰۱۵ تا ۲۰۱۹ عضو بود", "fa", ("2015-01-01", "2019-12-31", "year")),
    ("طی سال‌های ۹۲ تا ۹۶ شهردار بود", "fa", ("2013-03-21", "2018-03-20", "year")),
    ("از ۱۰ الی ۱۲ مهر ۱۴۰۰", "fa", ("2021-10-02", "2021-10-04", "day")),
    # abbreviated months
    ("Договорът е от 15 февр. 2010 г.", "bg", ("2010-02-15", "2010-02-15", "day")),
    ("на 4 ноем. 2019 г. в залата", "bg", ("2019-11-04", "2019-11-04", "day")),
    ("Концертът е на 21 юн 2022 г.", "bg", ("2022-06-21", "2022-06-21", "day")),
    ("Срокът изтича на 8 юл. 2020 г.", "bg", ("2020-07-08", "2020-07-08", "day")),
    ("Сесията е на 2 септм. 2014 г.", "bg", ("2014-09-02", "2014-09-02", "day")),
    ("نشست در ۱۵ آگست ۲۰۱۹ برگزار شد", "fa", ("2019-08-15", "2019-08-15", "day")),
    # Persian days in words: cardinal, ordinal before its noun, spaces left out
    ("جشنواره بیست و سه خرداد ۱۴۰۰ آغاز شد", "fa", ("2021-06-13", "2021-06-13", "day")),
    ("دوازدهمین مهر ۱۴۰۰ روز افتتاح است", "fa", ("2021-10-04", "2021-10-04", "day")),
    ("مراسم بیست‌وپنجم آذر ۱۳۹۹ بود", "fa", ("2020-12-15", "2020-12-15", "day")),
    # ezafe on a month, Dari months, May as می with its year
    ("در ۱۵ ژوئیهٔ ۲۰۱۹ امضا شد", "fa", ("2019-07-15", "2019-07-15", "day")),
    ("در ۱۰ مارچ ۲۰۲۱ سفر کرد", "fa", ("2021-03-10", "2021-03-10", "day")),
    ("در ۱۵ می ۲۰۱۹ امضا شد", "fa", ("2019-05-15", "2019-05-15", "day")),
    ("در ۵ آپریل ۲۰۲۱ به هرات رسید", "fa", ("2021-04-05", "2021-04-05", "day")),
    ("نمایشگاه ۲۵ ديسمبر ۲۰۱۹ باز شد", "fa", ("2019-12-25", "2019-12-25", "day")),
    # a Solar Hijri year marked by its abbreviation
    ("این بنا در ۱۳۴۵ هـ.ش ساخته شد", "fa", ("1966-03-21", "1967-03-20", "year")),
    # short Solar Hijri figures, the year last
    ("در تاریخ 3/8/91 برگزار شد", "fa", ("2012-10-24", "2012-10-24", "day")),
    ("در تاریخ ۱۲/۵/۹۸ امضا شد", "fa", ("2019-08-03", "2019-08-03", "day")),
    # a period of years after the word for a period
    ("Проектът е за периода 2021 – 2027 по програмата.", "bg", ("2021-01-01", "2027-12-31",
                                                            "year")),
    ("اعضای شورا در دوره ۱۳۹۲ تا ۱۳۹۶ انتخاب شدند", "fa", ("2013-03-21", "2018-03-20",
                                                          "year")),
    # two Solar Hijri figures name a year lived, 13xx unless they are a recent one
    ("این پل در سال ۴۵ ساخته شد", "fa", ("1966-03-21", "1967-03-20", "year")),
    ("این پل در سال ۰۳ ساخته شد", "fa", ("2024-03-20", "2025-03-20", "year")),
])
def test_forms(text, language, expected):
    found = spans(text, language)
    assert [f[:3] for f in found] == [expected], found


@pytest.mark.parametrize("text, language, expected", [
    ("Изложби на 3 юни 2021 г. и 9 юли 2021 г.", "bg",
     [("2021-06-03", "2021-06-03"), ("2021-07-09", "2021-07-09")]),
    ("Seçimler 2 Nisan 2017 ve 8 Ekim 2017 tarihlerinde", "tr",
     [("2017-04-02", "2017-04-02"), ("2017-10-08", "2017-10-08")]),
    ("نشست‌ها ۳ تیر ۱۴۰۰ و ۹ مرداد ۱۴۰۰ بود", "fa",
     [("2021-06-24", "2021-06-24"), ("2021-07-31", "2021-07-31")]),
    # days a conjunction joins are a range only when the second is the next day
    ("Пазарът е на 4 и 11 март 2023 г.", "bg", [("2023-03-04", "2023-03-04"),
                                                ("2023-03-11", "2023-03-11")]),
    ("Пазарът е на 4, 11 и 18 март 2023 г.", "bg", [("2023-03-04", "2023-03-04"),
                                                    ("2023-03-11", "2023-03-11"),
                                                    ("2023-03-18", "2023-03-18")]),
    ("Fuar 4, 5 ve 6 Mart 2023 tarihlerinde.", "tr", [("2023-03-04", "2023-03-06")]),
    ("Fuar 4-6 ve 11 Mart 2023 tarihlerinde.", "tr", [("2023-03-04", "2023-03-06"),
                                                      ("2023-03-11", "2023-03-11")]),
    ("نمایشگاه ۴ و ۱۱ اسفند ۱۴۰۱ برگزار شد.", "fa", [("2023-02-23", "2023-02-23"),
                                                  ("2023-03-02", "2023-03-02")]),
    # whole days: listed, unless the second is the first of the next month
    ("Fuar 30 Nisan ve 1 Mayıs 2023 tarihlerinde.", "tr", [("2023-04-30", "2023-05-01")]),
    ("Fuar 4 Nisan ve 7 Mayıs 2023 tarihlerinde.", "tr", [("2023-04-04", "2023-04-04"),
                                                          ("2023-05-07", "2023-05-07")]),
    ("Пазарът е на 4 и 5 март 2023 г.", "bg", [("2023-03-04", "2023-03-05")]),
    # months listed before one year are each a month of it, as listed years are each one
    ("Ремонтът е през юли и септември 2024 г.", "bg", [("2024-07-01", "2024-07-31"),
                                                      ("2024-09-01", "2024-09-30")]),
    ("Kurslar Ekim, Kasım ve Aralık 2022'de açıldı.", "tr",
     [("2022-10-01", "2022-10-31"), ("2022-11-01", "2022-11-30"), ("2022-12-01", "2022-12-31")]),
    ("کلاس‌ها در تیر و شهریور ۱۴۰۱ بود.", "fa", [("2022-06-22", "2022-07-22"),
                                              ("2022-08-23", "2022-09-22")]),
    ("Kurs Mart ile Mayıs 2019 arasında sürdü.", "tr", [("2019-03-01", "2019-05-31")]),
    # two figures are a listed year in a Solar Hijri text only
    ("بودجه سال‌های ۹۷ و ۹۹ تصویب شد.", "fa", [("2018-03-21", "2019-03-20"),
                                             ("2020-03-20", "2021-03-20")]),
])
def test_a_conjunction_lists_dates_and_joins_only_consecutive_ones(text, language, expected):
    assert [f[:2] for f in spans(text, language)] == expected


@pytest.mark.parametrize("text, expected", [
    ("Sergi 3 Şubat 2021'den 28 Şubat 2021'e kadar açık.", [("2021-02-03", "2021-02-28")]),
    ("Kurul 2016 yılından 2020 yılına kadar toplandı.", [("2016-01-01", "2020-12-31")]),
    ("Eylül 2017 ayından Ocak 2018 ayına dek sürdü.", [("2017-09-01", "2018-01-31")]),
    # "from" with no "until" after the second date: two dates
    ("2016 yılından 2020 yılına geçildi.", [("2016-01-01", "2016-12-31"),
                                            ("2020-01-01", "2020-12-31")]),
])
def test_turkish_from_and_until_endings_make_a_range(text, expected):
    assert [f[:2] for f in spans(text, "tr")] == expected


@pytest.mark.parametrize("text, language, expected", [
    ("Изложбата е открита между 8 и 20 април 2022 г.", "bg", [("2022-04-08", "2022-04-20")]),
    ("Ремонтът вървя между 2011 и 2014 г.", "bg", [("2011-01-01", "2014-12-31")]),
    ("Kurs 8 ile 20 Nisan 2022 tarihleri arasında yapıldı.", "tr",
     [("2022-04-08", "2022-04-20")]),
    ("Proje 2011 ile 2014 yılları arasında sürdü.", "tr", [("2011-01-01", "2014-12-31")]),
    ("کارگاه بین ۸ و ۲۰ فروردین ۱۴۰۱ برگزار شد.", "fa", [("2022-03-28", "2022-04-09")]),
    # without the word of "between" the same dates are two
    ("Изложбите са на 8 и 20 април 2022 г.", "bg",
     [("2022-04-08", "2022-04-08"), ("2022-04-20", "2022-04-20")]),
])
def test_a_word_of_between_makes_two_joined_dates_one_period(text, language, expected):
    assert [f[:2] for f in spans(text, language)] == expected


@pytest.mark.parametrize("text, language", [
    ("در سال ۱۳۹۸ شهرداری تهران طرح را آغاز کرد.", "fa"),  # not "1398 cities"
    ("През 2019 европейската програма тръгна.", "bg"),
    ("През 2019 евродепутатите гласуваха.", "bg"),
])
def test_a_word_that_marks_a_count_does_so_only_as_a_whole_word(text, language):
    years = [f for f in spans(text, language) if f[2] == "year"]
    assert len(years) == 1


@pytest.mark.parametrize("text, expected", [
    ("طرح در نیمه دوم اسفند ۱۴۰۰ اجرا شد.", ("2022-02-20", "2022-03-20", "month")),
    ("مراسم در دهه اول محرم ۱۴۴۵ قمری برپا شد.", ("2023-07-19", "2023-08-16", "month")),
    ("نمایشگاه در هفته‌ی سوم مهر ۱۴۰۱ باز بود.", ("2022-09-23", "2022-10-22", "month")),
    # a day of its own stays a day (روز دوم: the second day)
    ("جلسه روز دوم فروردین ۱۴۰۰ بود.", ("2021-03-22", "2021-03-22", "day")),
])
def test_an_ordinal_that_counts_a_part_of_a_month_is_no_day(text, expected):
    assert [f[:3] for f in spans(text, "fa")] == [expected]


def test_yearless_dates_take_the_year_of_their_sentence_or_a_close_page_date():
    text = "Кметът участва в среща 30.04 - 05.05. 2005 г. и отправя покана за среща през август."
    assert ("2005-08-01", "2005-08-31", "month", "gregorian") in spans(text, "bg")
    text = ("Kurul toplantısı 4-9 Kasım tarihleri arasında yapılacak.")
    assert spans(text, "tr") == []  # no year anywhere: not certain
    assert spans(text, "tr", date(2018, 11, 3)) == [
        ("2018-11-04", "2018-11-09", "day", "gregorian")]
    # a recurring holiday far from the page's date is not given a year
    assert spans("НАЦИОНАЛЕН ПРАЗНИК – 8 СЕПТЕМВРИ", "bg", date(2018, 11, 27)) == []
    # a day announced months ahead is of the page's year, or the next one's
    assert spans("Откриването на фестивала ще бъде на 28 юни.", "bg", date(2023, 5, 2)) == [
        ("2023-06-28", "2023-06-28", "day", "gregorian")]
    assert spans("Fuar 10 Ocak'ta açılacak.", "tr", date(2023, 11, 20)) == [
        ("2024-01-10", "2024-01-10", "day", "gregorian")]


def test_a_year_of_two_figures_is_read_where_a_years_mark_follows_it():
    assert spans("Договорът е подписан на 5.11.98 г. в Русе.", "bg") == [
        ("1998-11-05", "1998-11-05", "day", "gregorian")]
    assert spans("Heyet 12.03.22'de Bursa'ya geldi.", "tr") == [
        ("2022-03-12", "2022-03-12", "day", "gregorian")]
    assert spans("Версия 24.03.22 на програмата.", "bg") == []  # no mark: a version


def test_a_page_without_a_date_dates_a_yearless_day_by_the_one_year_its_headline_names():
    def days(text: str, language: str, title: str) -> list[str]:
        return [d.start.isoformat() for d in find_dates(Text(text, language, None, title))]

    assert days("Откриването е на 12-ти май на площада.", "bg", "Панаир на занаятите 2019") \
        == ["2019-05-12"]
    assert days("Açılış 12 Mayıs'ta yapılacak.", "tr", "Zanaat Fuarı 2019") == ["2019-05-12"]
    assert days("افتتاحیه ۲۲ اردیبهشت است.", "fa", "نمایشگاه صنایع دستی ۱۳۹۸") == ["2019-05-12"]
    # two years in the headline (a programme's period), or none: no year is certain
    assert days("Откриването е на 12-ти май.", "bg", "Програма 2021 – 2027") == []
    assert days("Откриването е на 12-ти май.", "bg", "Панаир на занаятите") == []


@pytest.mark.parametrize("text, language, expected", [
    ("Посещението е в края на октомври т.г. в Габрово.", "bg", "2011-10-01"),
    ("Festival bu yılın Ekim ayında yapılacak.", "tr", "2011-10-01"),
    ("همایش در مهر ماه امسال برگزار می شود.", "fa", "2010-09-23"),  # Jalali 1389
])
def test_of_this_year_is_the_pages_year_even_far_from_its_day(text, language, expected):
    # far from the page's day: without "this year" the month would stay yearless
    assert [s[0] for s in spans(text, language, date(2011, 1, 20))] == [expected]


def test_persian_ordinal_day_range_without_year_uses_context():
    text = "پنجمین اجلاس سال ۱۴۰۱ هشتم تا یازدهم آذر ماه در غازی عینتاب برگزار می شود."
    assert ("2022-11-29", "2022-12-02", "day", "jalali") in spans(text, "fa")


@pytest.mark.parametrize("text, language", [
    ("почти 30 годишната история", "bg"),
    ("по случай 60 годишнина от", "bg"),
    ("118-те Празници на розата", "bg"),
    ("Технически сътрудник: 0431/98201, 8.30 - 12.30 ч.", "bg"),
    ("Основан е през 218 пр. н. е.", "bg"),
    ("1920'li yıllarda başlayan uygulama", "tr"),
    ("1.200'e yakın üye belediye ve 4'üncü yılında", "tr"),
    ("Sonunda 2000'in üzerinde katılımcı geldi.", "tr"),  # a count, not the year 2000
    ("بیش از ۶ هزار شهر عضو و ۱۶۰ نفر", "fa"),
    ("می ۲۰۰۵ نفر", "fa"),  # the verb prefix می is not May
    ("آنها ۱۰ می خواهند بروند", "fa"),  # nor is it May with a day and no year
    ("دو تیر شلیک شد", "fa"),  # a count is a day only with its year: two shots
    # sums and counts, also at a range's first figure
    ("Наградите са от 1000 до 2000 лв. за отбор.", "bg"),
    ("Залата побира 2000 души.", "bg"),
    ("Записът за 2022/2023 учебна година започна.", "bg"),  # a school year, no one year
    ("Projeye 2023 TL ayrıldı, 1500 - 2000 kişi katıldı.", "tr"),
    ("کمک ۲۰۰۰ میلیون ریالی برای ۱۵۰۰ دانش آموز", "fa"),
    ("یک دوره ۲۰ ساله و دوره ۱۲۰۰ ساعته آموزش", "fa"),  # a length, not a year
])
def test_not_dates(text, language):
    assert spans(text, language) == []


def test_seed_gold_dates():
    if not SHARED_GOLD.exists():
        pytest.skip("../shared/gold is not beside this checkout")
    for path in sorted(SHARED_GOLD.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        published = date.fromisoformat(gold["published"]) if gold["published"] else None
        got = {(d.start.isoformat(), d.end.isoformat())
               for d in find_dates(Text(gold["main_text"], gold["lang"], published))}
        want = {(d["start"], d["end"]) for d in gold["dates"]}
        optional = {(d["start"], d["end"]) for d in gold.get("dates_optional", [])}
        assert want <= got and got - want <= optional, gold["id"]


def test_jalali_conversion_known_days():
    assert jalali_to_gregorian(1387, 8, 1) == date(2008, 10, 22)
    assert jalali_to_gregorian(1394, 12, 29) == date(2016, 3, 19)
    assert jalali_to_gregorian(1403, 12, 30) == date(2025, 3, 20)  # a leap Esfand


def test_a_month_alone_is_the_pages_month_or_one_ahead_never_one_behind():
    page = date(2025, 5, 20)
    assert spans("Heyet eylül ayında yapılacak festivale davet edildi.", "tr", page) == [
        ("2025-09-01", "2025-09-30", "month", "gregorian")]
    assert spans("Meclisin mayıs ayı toplantısı yapıldı.", "tr", page) == [
        ("2025-05-01", "2025-05-31", "month", "gregorian")]
    # a month behind the page may be a yearly custom: not certain
    assert spans("Празникът на града е в края на месец март.", "bg", page) == []
    # the Persian month with its word joined to it (آذرماه) is marked as one spaced is
    assert spans("نمایشگاه کتاب در خردادماه برپا می‌شود.", "fa", page) == [
        ("2025-05-22", "2025-06-21", "month", "jalali")]
    assert spans("خرداد تیم ملی را ترک کرد.", "fa", page) == []  # (Khordad alone: a name)


def test_year_lists_joined_months_and_last_year():
    assert spans("2011 ve 2016 yıllarında seçildi.", "tr") == [
        ("2011-01-01", "2011-12-31", "year", "gregorian"),
        ("2016-01-01", "2016-12-31", "year", "gregorian")]
    # آذرماه written as one word, with Latin digits
    assert spans("مجمع از ۵ تا ۷ آذرماه 1395 برگزار شد.", "fa") == [
        ("2016-11-25", "2016-11-27", "day", "jalali")]
    # of last year abbreviated (м.г.), counted back from the page's year
    assert spans("Договорът е подписан през ноември м.г. в Габрово.", "bg",
                 date(2021, 2, 21)) == [("2020-11-01", "2020-11-30", "month", "gregorian")]
    # دی of last year, counted back from the page's (Solar Hijri) year
    assert spans("در اواسط دی ماه سال گذشته برکنار شد.", "fa", date(2021, 2, 21)) == [
        ("2019-12-22", "2020-01-20", "month", "jalali")]


def test_a_language_without_a_profile_has_its_dates_read_with_dateparsers_words():
    text = Text("Der Bürgermeister empfing am 12. März 2019 die Delegation der Partnerstadt. "
                "Die Städte sind im Jahr 1965 verbunden worden, im Mai 2020 kam der "
                "Gegenbesuch. Die Stadt hat 1500 Einwohner.", "de")
    found = [(d.text, d.start.isoformat(), d.end.isoformat(), d.precision)
             for d in find_dates(text)]
    # dateparser's search read "Die" and "1500 Einwohner" as dates, and missed the year
    assert found == [("12. März 2019", "2019-03-12", "2019-03-12", "day"),
                     ("Jahr 1965", "1965-01-01", "1965-12-31", "year"),
                     ("Mai 2020", "2020-05-01", "2020-05-31", "month")]
    assert all(text.raw[d.offset:d.end_offset] == d.text for d in find_dates(text))
    # the words that may stand between day, month and year, and abbreviated months
    assert spans("Firmó el 12 de marzo de 2019 y volvió el 3 ene. 2020.", "es") == [
        ("2019-03-12", "2019-03-12", "day", "gregorian"),
        ("2020-01-03", "2020-01-03", "day", "gregorian")]
    # a language dateparser has no words for still has its numeric dates
    assert spans("Kuupäev 12.03.2019 kokku", "xx") == [
        ("2019-03-12", "2019-03-12", "day", "gregorian")]
    # the profile languages keep their own words: dateparser knows no Jalali year
    assert [d.calendar for d in find_dates(Text("در آبان ماه سال ۱۳۸۷", "fa"))] == ["jalali"]


def test_a_year_that_starts_a_lasting_state_lends_no_year_to_a_month_after_it():
    text = "Kasabadaki üzüm şenliği 1985 yılından beri sürüyor; bu sene Ekim ayında yapılacak."
    october = ("1985-10-01", "1985-10-31", "month", "gregorian")
    assert october not in spans(text, "tr")
    assert october in spans(text.replace(" beri", ""), "tr")


def test_lunar_hijri_dates_are_converted_and_a_lunar_month_needs_its_year():
    assert spans("مراسم عاشورا در ۱۰ محرم ۱۴۴۰ قمری برگزار شد.", "fa") == [
        ("2018-09-20", "2018-09-20", "day", "hijri")]
    assert spans("عید فطر اول شوال ۱۴۴۴ است و ۱۵ تا ۱۷ رجب ۱۴۴۰ جشن بود.", "fa") == [
        ("2023-04-21", "2023-04-21", "day", "hijri"), ("2019-03-22", "2019-03-24", "day", "hijri")]
    assert spans("در سال ۱۴۴۰ قمری", "fa") == [("2018-09-11", "2019-08-30", "year", "hijri")]
    assert spans("در سال ۱۴۰۰ مسجد ساخته شد", "fa")[0][3] == "jalali"  # unmarked: Solar
    # a day in figures, marked so after it; the same figures unmarked are Solar
    assert spans("نامه مورخ ۱۴۴۱/۰۹/۱۵ ه.ق رسید", "fa") == [
        ("2020-05-08", "2020-05-08", "day", "hijri")]
    assert spans("نامه مورخ ۱۴۰۰/۰۹/۱۵ رسید", "fa")[0][3] == "jalali"
    # رجب and رمضان are names too: a month without a year is none
    assert spans("رجب طیب اردوغان در رمضان به تهران آمد.", "fa", date(2024, 3, 20)) == []


def test_years_joined_by_a_conjunction_are_a_list_and_by_a_range_word_a_period():
    assert spans("през 2010 и 2014 г.", "bg") == [
        ("2010-01-01", "2010-12-31", "year", "gregorian"),
        ("2014-01-01", "2014-12-31", "year", "gregorian")]
    assert [s[:2] for s in spans("در سال ۱۳۹۰ و ۱۳۹۵", "fa")] == [
        ("2011-03-21", "2012-03-19"), ("2016-03-20", "2017-03-20")]
    assert spans("от 2010 до 2014 година", "bg") == [
        ("2010-01-01", "2014-12-31", "year", "gregorian")]


def test_a_list_of_years_is_read_up_to_its_cap_and_a_run_of_figures_is_not_a_date():
    from parsers.dates import LIST_MAX

    years = [str(2000 + i) for i in range(LIST_MAX + 1)]
    text = ("През " + ", ".join(years[:LIST_MAX]) + " и " + years[LIST_MAX]
            + " г. градът прие гости.")
    assert [d.start.year for d in find_dates(Text(text, "bg"))] == [int(y) for y in years]
    figures = ", ".join(str(1900 + i % 120) for i in range(4000))  # no word makes them dates
    assert not find_dates(Text(figures, "bg"))


def test_numeric_solar_hijri_dates_in_every_order_and_separator():
    """A four-figure Solar Hijri year is read so in Persian however the day is written;
    the same figures in a language that counts no such years stay Gregorian."""
    aban_20 = ("2015-11-11", "2015-11-11", "day", "jalali")
    for written in ("۱۳۹۴/۰۸/۲۰", "۱۳۹۴.۰۸.۲۰", "۱۳۹۴-۰۸-۲۰", "20/08/1394", "1394/8/20"):
        assert spans(f"جلسه در {written} برگزار شد.", "fa") == [aban_20], written
    assert spans("Срещата беше на 20.08.1394 г.", "bg") == [
        ("1394-08-20", "1394-08-20", "day", "gregorian")]
    assert spans("جلسه در 2019-12-25 برگزار شد.", "fa") == [
        ("2019-12-25", "2019-12-25", "day", "gregorian")]


@pytest.mark.parametrize(("text", "language", "expected"), [
    # a chronology: each line opened by its year, a colon or a spaced dash after it
    ("1974 – договор за побратимяване с Велес\n2003: посещение в Охрид", "bg",
     [("1974-01-01", "1974-12-31"), ("2003-01-01", "2003-12-31")]),
    ("2008 - Bakü ile protokol imzalandı.", "tr", [("2008-01-01", "2008-12-31")]),
    ("۱۳۸۵: امضای تفاهم نامه با فلورانس", "fa", [("2006-03-21", "2007-03-20")]),
    # or closed by its year in brackets, as a list of twin towns gives it
    ("Varna, Bulgaristan (2008)\nBatum, Gürcistan (2012)", "tr",
     [("2008-01-01", "2008-12-31"), ("2012-01-01", "2012-12-31")]),
    # or after a spaced dash after a word or a bracket
    ("Darmstadt (Almanya) - 1971\nKobe – 2013", "tr",
     [("1971-01-01", "1971-12-31"), ("2013-01-01", "2013-12-31")]),
    # not a year inside a line, a figure out of range, nor the first of a period
    ("Кодът е 3524 – за справки.\n3524 – код\n2019 - 2020\nНаселение (2019) 5000", "bg", []),
    ("Тел.: 052 820 - 2000", "bg", []),  # (a figure's dash: a phone number's)
])
def test_a_year_opening_a_line_before_a_colon_or_a_dash_or_closing_it_is_a_chronologys(
        text, language, expected):
    assert [(str(d.start), str(d.end)) for d in find_dates(Text(text, language))] == expected


def test_a_persian_year_its_word_marks_stays_one_before_the_word_for_a_city():
    # (سال ۲۰۰۵ شهر تهران: in 2005 the city of Tehran; a count needs no word for a year)
    assert spans("در سال ۲۰۰۵ شهر تبریز میزبان اجلاس بود.", "fa") == [
        ("2005-01-01", "2005-12-31", "year", "gregorian")]
    assert spans("بیش از ۲۰۰۰ شهر عضو این شبکه هستند.", "fa") == []


@pytest.mark.parametrize(("text", "expected"), [
    # a year in the genitive before a part of it (its first half, its last quarter)
    ("Proje 2024'ün ilk yarısında tamamlanacak.", [("2024-01-01", "2024-12-31")]),
    ("Tören 2018'in son haftasında yapıldı.", [("2018-01-01", "2018-12-31")]),
    # a figure in the genitive before "over" is a count
    ("Festivale 1500'ün üzerinde kişi katıldı.", []),
])
def test_a_turkish_year_in_the_genitive_before_a_part_of_it(text, expected):
    assert [(str(d.start), str(d.end)) for d in find_dates(Text(text, "tr"))] == expected


@pytest.mark.parametrize(("text", "expected"), [
    # the abbreviations of Solar, Gregorian and Lunar, joined to the figures or after them
    ("کتابخانه در ۱۳۷۱ش افتتاح شد.", ("1992-03-21", "1993-03-20", "year", "jalali")),
    ("کتابخانه در 1371 ش. افتتاح شد.", ("1992-03-21", "1993-03-20", "year", "jalali")),
    ("این پیمان در ۱۹۹۲م بسته شد.", ("1992-01-01", "1992-12-31", "year", "gregorian")),
    ("این پیمان در ۱۹۹۲ م. بسته شد.", ("1992-01-01", "1992-12-31", "year", "gregorian")),
    ("مسجد در ۱۴۱۲ق بنا شد.", ("1991-07-12", "1992-06-30", "year", "hijri")),
])
def test_a_persian_year_marked_by_its_calendars_abbreviation(text, expected):
    assert spans(text, "fa") == [expected]


@pytest.mark.parametrize("text", [
    "در ۱۳۹۸ شهرداری پل ساخت.",  # a word that begins with the letter of a mark
    "۱۴۰۲ مدرسه در استان ساخته شد.",
])
def test_a_calendars_abbreviation_is_a_mark_only_as_a_whole_word(text):
    assert spans(text, "fa") == []


def test_a_year_alone_earlier_in_the_paragraph_yields_to_the_pages_date_close_by():
    text = ("Görüşmede 2017 yılında imzalanan protokol değerlendirildi. Heyet 21 Mart'ta "
            "Nevruz kutlamalarına katıldı.")
    assert ("2024-03-21", "2024-03-21", "day", "gregorian") in spans(text, "tr",
                                                                       date(2024, 3, 23))
    # (a day and month earlier in it still lends its year: the paragraph's own story)
    text = "На 3 май 1999 г. градовете се побратимиха. На 5 май делегацията замина."
    assert ("1999-05-05", "1999-05-05", "day", "gregorian") in spans(text, "bg",
                                                                       date(2024, 5, 10))

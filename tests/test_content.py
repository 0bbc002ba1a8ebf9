"""Main content, title, date and language on page structures the fixture sites do not use,
and the quality of the whole extractor on the fixture gold."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.content import fixture_pages, muni_single, muni_site
from bench.scoring import averaged, page_scores
from parsers.content import Block, MainText, blocks, extract_main, learn_template, parse_document
from parsers.page import check_html, parse_page, read_html

P = [
    "The mayor of Gabrovo signed a twinning agreement with the Italian city of Cremona on "
    "Monday, after two years of talks between the two municipal councils.",
    "Under the agreement the two cities will exchange school groups every summer and work "
    "together on a joint application to the European cultural heritage programme.",
    "It is the ninth twin town of Gabrovo, which already has partners in Russia, Germany, "
    "France and Japan, and the first one in the north of Italy.",
    "The council of Cremona is expected to approve the text at its next session in June, "
    "when a delegation from Gabrovo will also visit the violin museum of the city.",
]


def extract(page: str, language: str | None = None):
    return parse_page(read_html(page.encode(), "text/html; charset=utf-8", language))


def test_modern_news_page_with_inline_ads_and_author_box():
    page = f"""<html lang="en"><head><title>Mayor signs twinning pact | City Times</title>
    </head><body class="article-page has-sidebar">
    <header class="site-header"><nav><a href="/">Home</a> <a href="/n">News</a></nav></header>
    <main><div class="container"><div class="row"><div class="col-lg-8">
      <h1 class="article-title">Mayor signs twinning pact</h1>
      <div class="article-meta"><span class="author">By Jane Roe</span>
        <span class="date">12 May 2024</span></div>
      <div class="article-content">
        <p>{P[0]}</p><div class="ad-slot">Advertisement</div><p>{P[1]}</p>
        <div class="inline-related"><a href="/x">Read also: Gabrovo budget passes</a></div>
        <p>{P[2]}</p><h2>What comes next</h2><p>{P[3]}</p>
      </div>
      <div class="author-bio"><p>Jane Roe covers city hall for the City Times.</p></div>
      <div class="newsletter-box">Sign up for our daily newsletter and get the news.</div>
    </div><div class="col-lg-4"><div class="most-read"><h3>Most read</h3><ol>
      <li><a href="/a">Snow closes the pass for the second day, and more to come</a></li>
      </ol></div></div></div></div></main>
    <footer>© 2024 City Times. All rights reserved.</footer></body></html>"""
    record = extract(page)
    assert record.text == "\n\n".join([P[0], P[1], P[2], "What comes next", P[3]])
    assert record.title == "Mayor signs twinning pact"
    assert record.published == "2024-05-12" and record.language == "en"


def test_article_split_around_a_gallery_is_kept_whole():
    page = f"""<html><body><div id="wrap"><div class="menu"><a href="/">Home</a></div>
    <div class="story"><div class="part"><p>{P[0]}</p><p>{P[1]}</p></div>
    <div class="gallery"><a href="/g1"><img src="1.jpg"> Photo 1</a></div>
    <div class="part"><p>{P[2]}</p><p>{P[3]}</p></div></div></div></body></html>"""
    assert extract(page).text == "\n\n".join(P)


def test_a_content_wrapper_with_a_furniture_word_in_its_class_is_kept():
    menu = "".join(f'<li><a href="/{i}">Section number {i} of the site</a></li>'
                   for i in range(60))
    page = f"""<html><body><ul class="nav">{menu}</ul>
    <div class="post-title-and-content"><h1>Pact</h1>{"".join(f"<p>{p}</p>" for p in P)}</div>
    </body></html>"""
    assert extract(page).text == "\n\n".join(P)


def test_broken_markup_and_bare_text_in_cells():
    page = ("<html><body><table><tr><td><a href=/>Home</a><td>" + P[0] + "<br><br>" + P[1]
            + "<p>" + P[2] + "<p>" + P[3] + "</table><div>Visits: 1 204 558")
    assert extract(page).text == "\n\n".join(P)


def test_cyrillic_pages_name_their_language_by_letters_and_declaration():
    mk = ("<html lang='bg'><body><p>Градоначалникот на општината ја пречека делегацијата "
          "од збратимениот град и се договорија за заеднички проекти во културата.</p>"
          "<p>Средбата се одржа во зградата на општината, каде што беа потпишани "
          "договорите за соработка меѓу двата града.</p></body></html>")
    assert extract(mk).language == "mk"  # the letters ќ, ѓ, ј overrule the declaration
    bg = ("<html lang='en'><body><p>Кметът на общината посрещна делегацията от "
          "побратимения град и двете страни обсъдиха съвместни проекти в културата.</p>"
          "</body></html>")
    assert extract(bg).language == "bg"  # a CMS default of 'en' does not fit Cyrillic


def test_mixed_scripts_keep_the_page_language():
    page = ("<html><body><p>Кметът на Кремона Andrea Virgilio (Андреа Виргилио) посети "
            "Казанлък по време на Празника на розата и се срещна с кмета Галина Стоянова.</p>"
            "<p>Двамата обсъдиха програмата Creative Europe и обмена на ученици между "
            "училищата на двата града през следващата година.</p></body></html>")
    assert extract(page).language == "bg"


def test_site_template_drops_what_every_page_repeats():
    note = ("Информацията на тази страница се поддържа от отдел Международно "
            "сътрудничество на общинската администрация и се обновява всеки месец.")
    pages = []
    for i in range(4):
        body = "".join(f"<p>Новина {i}, абзац {j}: кметът на общината посрещна делегация "
                       f"от побратимения град и двете страни обсъдиха проекти.</p>"
                       for j in range(3))
        pages.append(f"<html lang='bg'><body><div class='text'>{body}<p>{note}</p></div>"
                     "</body></html>")
    parsed = [read_html(p.encode(), "text/html; charset=utf-8", "bg") for p in pages]
    assert note in parse_page(parsed[0]).text  # alone, a page cannot tell
    template = learn_template(p.blocks for p in parsed)
    assert all(note not in parse_page(p, template=template).text for p in parsed)
    assert all("абзац 2" in parse_page(p, template=template).text for p in parsed)


def test_blocks_read_layout_text_in_reading_order():
    doc = parse_document("<html><body><div>one<br>two<br><br>three<p>four</p>five</div>"
                         "</body></html>")
    assert [b.text for b in blocks(doc)] == ["one two", "three", "four", "five"]


@pytest.fixture(scope="module")
def gold_pages():
    return fixture_pages()


def test_quality_on_the_fixture_gold(gold_pages):
    for system in (muni_single, muni_site):
        texts = system(gold_pages)
        score = averaged(page_scores(t, p["main_text"])
                         for t, p in zip(texts, gold_pages, strict=True))
        assert score["f1"] >= 0.97, (system.__name__, score)
    records = [parse_page(read_html(p["html"], p["content_type"], None)) for p in gold_pages]
    for field, key in (("title", "title"), ("published", "published"), ("language", "lang")):
        right = sum(getattr(r, field) == p[key] for r, p in zip(records, gold_pages, strict=True))
        assert right >= 0.95 * len(gold_pages), field


def test_title_and_date_line_when_the_title_tag_differs_from_the_headline():
    page = f"""<html lang="bg"><head><title>Делегация от Кочани гостува на Празника на ... |
    Община Казанлък</title><meta property="og:title" content="Делегация от Кочани гостува
    на Празника на розата | Община Казанлък"></head><body>
    <div class="crumbs">Начало / Новини</div>
    <h1>Делегация от Кочани гостува на Празника на розата</h1>
    <span>Публикувано на: 05.06.2021</span>
    <div><p>{"Кметът на общината посрещна делегацията на побратимения град. " * 3}</p></div>
    <div>© 2003-2025 Община Казанлък</div></body></html>"""
    record = extract(page)
    assert record.title == "Делегация от Кочани гостува на Празника на розата"
    assert record.published == "2021-06-05"


PAGES = Path(__file__).parent / "fixtures" / "pages"


def read_page(name: str, content_type: str | None = None, url: str | None = None):
    body = (PAGES / name).read_bytes()
    check_html(body)
    return parse_page(read_html(body, content_type), url)


@pytest.mark.parametrize("name, starts, ends, not_in", [
    # the article's wrappers are `content-sidebar-wrap`, `elementor-widget-container` and
    # `entry-content no-share`, measured against a page that is mostly script
    ("elementor-script-heavy.html", "В събота кметът", "от администрацията.",
     ("Кметът приема граждани", "Сподели")),
    # ASP.NET puts the whole page in <form id="aspnetForm">
    ("aspnet-form.html", "Kardeş şehrimizden", "yemek verildi.", ("Son Haberler",)),
    # XHTML whose <?xml?> declaration names windows-1254
    ("xhtml-declared.html", "Belediye meclisi, şubat", "işbirliğini öngörüyor.",
     ("Her hakkı",)),
    # 20 KB of <style> before the first <html>
    ("style-first.html", "شهردار روز گذشته", "آغاز شود.", ("خانه",)),
    # an article of one paragraph shorter than a paragraph usually is
    ("one-short-paragraph.html", "The council meets", "at six.", ("Privacy",)),
    # a cookie notice with more prose than the article
    ("cookie-notice.html", "The choir of our twin town", "Saturday evening.", ("cookies",)),
])
def test_real_template_families_give_their_article(name, starts, ends, not_in):
    record = read_page(name)
    assert record.text.startswith(starts) and record.text.endswith(ends), record.text
    assert not any(word in record.text for word in not_in)


def test_xhtml_declaration_and_leading_style_keep_title_and_language():
    xhtml = read_page("xhtml-declared.html")
    assert xhtml.encoding == "windows-1254" and xhtml.language == "tr"
    assert xhtml.title == "Belediye meclisi kardeş şehir protokolünü onayladı"
    assert read_page("style-first.html").language == "fa"


def test_aspnet_date_line_beside_the_headline_is_the_publication_date():
    assert read_page("aspnet-form.html").published == "2023-03-14"


def test_today_bar_latest_list_comments_and_footer_are_no_publication_date():
    record = read_page("today-widget.html")
    assert record.text.startswith("Kardeş şehirden") and record.published is None


@pytest.mark.parametrize("head, expected", [
    ('<meta name="article:published_time" content="2021-04-03T08:00:00+03:00">', "2021-04-03"),
    ('<meta itemprop="datePublished" content="2020-02-29">', "2020-02-29"),
    ('<meta name="DC.date.issued" content="2019/11/19">', "2019-11-19"),
    ('<script type="application/ld+json">{"@context": "https://schema.org", "@graph": ['
     '{"@type": "WebPage"}, {"@type": "NewsArticle", "datePublished": "2018-07-01T10:00"}]}'
     '</script>', "2018-07-01"),
    ('<script>window.meta = {"datePublished": "2017-05-06"};</script>', "2017-05-06"),
    ('<abbr class="published" title="2016-08-09T12:00:00">9 August</abbr>', "2016-08-09"),
    ('<time itemprop="datePublished" datetime="2015-01-02">2 January</time>', "2015-01-02"),
    ('<time pubdate datetime="2014-03-04">4 March</time>', "2014-03-04"),
    ('<abbr class="entry\tpublished" title="2013-05-06">6 May</abbr>', "2013-05-06"),
    # what only looks like them: another property, a class that holds the word
    ('<meta itemprop="dateModified" content="2012-01-01">'
     '<abbr class="unpublished" title="2011-01-01">1 January</abbr>', None),
])
def test_publication_date_from_the_metadata_real_sites_use(head, expected):
    page = f"""<html><head><title>Mayor visits Cremona</title>{head}</head><body>
    <h1>Mayor visits Cremona</h1><p>{P[0]}</p><p>{P[1]}</p></body></html>"""
    assert extract(page).published == expected


def test_publication_date_from_the_url_path():
    page = f"<html><body><h1>Mayor visits Cremona</h1><p>{P[0]}</p><p>{P[1]}</p></body></html>"
    record = parse_page(read_html(page.encode(), "text/html; charset=utf-8"),
                        "https://news.example/2022/09/14/mayor-visits-cremona")
    assert record.published == "2022-09-14"


TODAY_BODIES = {
    "bg": "Кметът на Видин и кметът на Крайова обсъдиха общите проекти по програмата за "
          "трансгранично сътрудничество и новия мост над Дунав.",
    "tr": "Heyet, belediye başkanı ile kardeş şehir ilişkileri, kültür ve turizm alanındaki "
          "ortak projeler hakkında uzun bir görüşme yaptı.",
    "fa": "هیئت شهرداری شیراز در این سفر با شهردار کازان درباره همکاری های فرهنگی و "
          "گردشگری دو شهر خواهرخوانده گفت و گو کرد.",
}


@pytest.mark.parametrize("headline, language, expected", [
    ("Днес, 24.03.22г. делегацията от община Видин посети Крайова", "bg", "2022-03-24"),
    ("Bugün 12 Mart 2019: Kardeş şehir heyeti Bursa'da", "tr", "2019-03-12"),
    ("امروز، ۱۲ اسفند ۱۴۰۱ هیئت شیراز به کازان رفت", "fa", "2023-03-03"),
    # a day the headline names elsewhere is the news', not the page's
    ("Делегацията от Видин ще посети Крайова на 24.03.2022 г.", "bg", None),
])
def test_a_headline_that_opens_on_today_and_a_day_dates_the_page(headline, language, expected):
    body = TODAY_BODIES[language]
    page = f"""<html><head><title>{headline}</title></head><body>
    <h1>{headline}</h1><p>{body}</p><p>{body}</p></body></html>"""
    assert extract(page).published == expected


def test_a_date_every_page_of_the_site_repeats_is_no_publication_date():
    def page(n: int) -> str:
        return f"""<html><body><div class="news"><div class="bar">Днес: 13.11.2025</div>
        <h1>Новина {n}</h1><div class="info">Прочетена {n} пъти</div>
        <p>{P[n % 4]}</p><p>{P[(n + 1) % 4]}</p></div></body></html>"""
    parsed = [read_html(page(n).encode(), "text/html; charset=utf-8") for n in range(4)]
    template = learn_template(p.blocks for p in parsed)
    assert [parse_page(p, None, template).published for p in parsed] == [None] * 4
    assert parse_page(parsed[0]).published == "2025-11-13"  # alone, it cannot be told


@pytest.mark.parametrize("text, declared, expected", [
    ("Der Bürgermeister der Stadt empfing am Montag eine Delegation aus der Partnerstadt "
     "und beide Seiten sprachen über gemeinsame Projekte in Kultur und Tourismus.", "tr", "de"),
    ("Le maire de la ville a reçu lundi une délégation de la ville jumelée et les deux "
     "parties ont parlé de projets communs dans la culture et le tourisme.", None, "fr"),
    ("استقبل رئيس البلدية وفدا من المدينة التوأم وناقش الجانبان مشاريع مشتركة في مجالات "
     "الثقافة والسياحة.", "fa", "ar"),
    ("Міський голова зустрівся з делегацією міста-побратима, і сторони обговорили "
     "спільні проекти в галузі культури.", "bg", "uk"),
])
def test_a_language_without_a_profile_gets_its_own_code(text, declared, expected):
    page = f"<html lang='{declared or ''}'><body><h1>x</h1><p>{text}</p><p>{text}</p></body></html>"
    record = extract(page)
    assert record.language == expected and record.text.startswith(text[:30])
    assert record.unsupported == ["officials", "events", "relations"]
    assert record.entities["officials"] == ()


def test_the_cascade_falls_back_to_density_when_the_vote_is_implausibly_short():
    # five paragraphs that share no element: the vote can find only one of them
    texts = [*P, "The two mayors also agreed to open a joint office for small businesses, "
                 "with staff from each town hall working there in turns."]
    page = [Block(text, 0, "p", (i,)) for i, text in enumerate(texts)]
    found = extract_main(page, language="en")
    assert found.method == "density" and found.text == "\n\n".join(texts)
    assert extract_main(page[:1], language="en").method == "vote"
    assert extract_main([], language="en") == MainText("", "none")


def test_a_date_header_set_beside_a_deeply_nested_post_is_its_date_but_a_ticker_is_not():
    post = f"<div class='post'><h3>Mayor visits Cremona</h3><div class='body'><p>{P[0]}</p>" \
           f"<p>{P[1]}</p></div></div>"
    nested = post
    for name in ("post-outer", "date-posts"):
        nested = f"<div class='{name}'>{nested}</div>"
    blogger = f"""<html><head><title>Town blog: Mayor visits Cremona</title></head><body>
    <div class="outer"><div class="main"><div class="blog-posts"><div class="date-outer">
    <h2 class="date-header">Wednesday, 12 July 2017</h2>{nested}</div></div></div></div>
    </body></html>"""
    assert extract(blogger).published == "2017-07-12"
    ticker = f"""<html><head><title>Mayor visits Cremona</title></head><body>
    <div class="ticker">Breaking: mayors meet in Sofia from 15 to 17 October 2024</div>
    <div class="page"><div class="col"><article>{post}</article></div></div></body></html>"""
    assert extract(ticker).published is None


@pytest.mark.parametrize(("marks", "tag", "kind"), [
    ("cookie-bar", "div", "notice"), ("gdpr_consent", "footer", "notice"),
    ("site-sidebar", "div", "strong"), ("main navbar", "div", "strong"),
    ("post-byline", "div", "weak"), ("entry-title", "h2", "weak"),
    ("entry-content", "div", None), ("entry-content", "nav", "strong"),
    ("navigator-widgetless", "div", None), ("", "aside", "strong"),
])
def test_class_words_name_furniture_only_as_whole_words(marks, tag, kind):
    from lxml import etree

    from parsers.content import _furniture_kind

    el = etree.Element(tag, {"class": marks} if marks else {})
    assert _furniture_kind(el) == kind


def test_hidden_elements_are_left_out_however_their_style_is_written():
    html = ("<html><body><div style='DISPLAY : None'>one</div><p hidden>two</p>"
            "<p aria-hidden='true'>three</p><p style='visibility:hidden;color:red'>four</p>"
            "<p style='color: red'>Shown text.</p><p aria-hidden='false'>Also shown.</p>"
            "</body></html>")
    assert [b.text for b in blocks(parse_document(html))] == ["Shown text.", "Also shown."]

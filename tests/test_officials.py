"""Officials: names beside offices, roles from the fixed list, the city of the office."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from parsers.cities import find_cities
from parsers.extractors import plain
from parsers.names import same_person
from parsers.officials import find_officials
from parsers.organizations import find_organizations
from parsers.text import Text

SHARED_GOLD = Path(__file__).resolve().parents[2] / "shared" / "gold"
HOME = {"bg": "BG", "tr": "TR", "fa": "IR"}


def officials(text: str, language: str) -> list[dict]:
    page = Text(text, language)
    return plain(find_officials(page, find_cities(page, HOME[language]), None,
                                find_organizations(page)))


def held(text: str, language: str) -> list[tuple[str, str]]:
    """(name, role) of each official the text names."""
    return [(o["name"], o["role"]) for o in officials(text, language)]


def test_bulgarian_offices_before_and_after_names():
    found = officials("Гостите бяха посрещнати от кмета на Кочани Николчо Илиев и от "
                      "заместник-кмета Николай Звездов. Водач на делегацията е Надя Бертолетин "
                      "от Инспекторат по образование.", "bg")
    by_name = {o["name"]: o for o in found}
    assert set(by_name) == {"Николчо Илиев", "Николай Звездов", "Надя Бертолетин"}
    assert by_name["Николчо Илиев"]["role"] == "mayor"
    assert by_name["Николчо Илиев"]["city"] == 789403
    assert by_name["Николчо Илиев"]["name_latin"] == "Nikolcho Iliev"
    assert by_name["Николай Звездов"]["role"] == "deputy_mayor"
    assert by_name["Надя Бертолетин"]["role"] == "other"


def test_the_office_right_before_a_name_is_that_names():
    text = ("Daimi Sekreteri Barbaros Büyüksağnak, Çanakkale Belediye Başkanı Muharrem "
            "Erkek'e sunum yaptı. Başkan Erkek toplantıya katılacak.")
    found = {o["name"]: o for o in officials(text, "tr")}
    assert set(found) == {"Barbaros Büyüksağnak", "Muharrem Erkek"}
    assert found["Muharrem Erkek"]["role"] == "mayor"
    assert found["Muharrem Erkek"]["city"] == 749780  # Çanakkale
    assert found["Barbaros Büyüksağnak"]["role"] == "organization_leader"


def test_an_organisation_is_not_a_person_and_offices_without_names_are_not_officials():
    text = ("След посещение на Д-р Умберто Риналди - директор на Италианския културен "
            "институт в гр. София възниква идеята. Заместник-кметът подписа резолюция.")
    found = officials(text, "bg")
    assert [o["name"] for o in found] == ["Умберто Риналди"]
    assert found[0]["organization"].startswith("Италианския културен институт")


def test_persian_names_need_an_honorific_or_an_appositive_comma():
    text = ("مهدی بابایی، معاون شهردار تهران، در دیدار با شهردار آنکارا آقای منصور یاواش "
            "گفت. شهرداران ایرانی آغاز کردند.")
    found = {o["name"]: o for o in officials(text, "fa")}
    assert set(found) == {"مهدی بابایی", "منصور یاواش"}
    assert found["مهدی بابایی"]["role"] == "deputy_mayor"
    assert found["منصور یاواش"]["city"] == 323786  # Ankara
    assert found["منصور یاواش"]["name_latin"] is None  # no honest Latin form without vowels


def test_two_scripts_give_an_alias():
    found = officials("КМЕТ НА ГРАДА – Andrea Virgilio (Андреа Виргилио)", "bg")
    assert found[0]["name"] == "Andrea Virgilio" and found[0]["aliases"] == ["Андреа Виргилио"]


@pytest.mark.parametrize("text, expected", [
    ("При подписването присъства Зам. кметът Радослав Найденов.",
     [("Радослав Найденов", "deputy_mayor")]),
    ("На срещата бяха общинските съветници Иван Петров и Мария Иванова.",
     [("Иван Петров", "councillor"), ("Мария Иванова", "councillor")]),
])
def test_bulgarian_offices_in_their_article_and_plural_forms(text, expected):
    assert [(o["name"], o["role"]) for o in officials(text, "bg")] == expected


def test_a_name_spelled_with_and_without_the_dots_of_turkish_i_is_one_person():
    text = ("Belediye Başkanı Arben Kaplanı ziyarete geldi. Görüşmede Belediye Başkanı "
            "Arben Kaplani, iki kentin dostluğunu anlattı. Belediye Başkanı İlir Dervishi "
            "ve Belediye Başkanı Ilir Dervishi aynı kişidir.")
    found = officials(text, "tr")
    assert [o["name"] for o in found] == ["Arben Kaplanı", "İlir Dervishi"]


def test_seed_gold_officials():
    if not SHARED_GOLD.exists():
        pytest.skip("../shared/gold is not beside this checkout")
    tp = fp = fn = role_right = 0
    for path in sorted(SHARED_GOLD.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        got = officials(gold["main_text"], gold["lang"])
        for o in got:
            match = next((g for g in gold["officials"] if same_person(g["name"], o["name"])),
                         None)
            tp, fp = tp + bool(match), fp + (match is None)
            role_right += bool(match) and match["role"] == o["role"]
        fn += sum(not any(same_person(g["name"], o["name"]) for o in got)
                  for g in gold["officials"])
    assert tp / (tp + fp) >= 0.9 and tp / (tp + fn) >= 0.9 and role_right >= 0.9 * tp


def test_a_persian_name_that_opens_its_sentence_before_the_office_is_the_holders():
    assert held("علی رضایی رئیس شورای اسلامی شهر شیراز در این دیدار از همکاری دو شهر "
                      "سخن گفت. به گزارش خبرگزاری، شهردار تبریز نیز در این نشست حضور داشت.",
                      "fa") == [("علی رضایی", "council_chair")]


@pytest.mark.parametrize("text, name, role", [
    ("در این نشست، حسن رضایی شهردار کرمان از هیئت ترکیه استقبال کرد.", "حسن رضایی", "mayor"),
    ('"علی کریمی" شهردار شیراز گفت که این سفر دو روز طول می کشد.', "علی کریمی", "mayor"),
])
def test_persian_names_opening_a_clause_or_in_quotes_before_the_office(text, name, role):
    assert held(text, "fa") == [(name, role)]


@pytest.mark.parametrize("text", [
    "در این مراسم، بهصورت رسمی ریاست مجمع شهرها به شهردار یزد رسید.",
    "در این مراسم شهردار کرمان با حضور شهردار یزد، بهصورت رسمي رياست مجمع را پذيرفت.",
])
def test_an_adverb_opening_a_clause_before_a_persian_office_is_no_name(text):
    assert officials(text, "fa") == []


def test_a_name_and_its_office_written_together_with_a_hyphen():
    assert held("Делегацията водеше г-н Петър Георгиев-кмет на община Ямбол.", "bg") == [
        ("Петър Георгиев", "mayor")]


def test_an_office_described_after_the_dash_and_the_country_it_serves():
    assert held("Гост беше Н. Пр. Иван Стоянов – извънреден и пълномощен посланик на "
                      "Република България в Грузия.", "bg") == [("Иван Стоянов", "diplomat")]


def test_a_partys_initials_between_the_office_and_the_name():
    found = officials("В групата бяха депутатите от ДПС Петко Колев и Мария Манова, както и "
                      "началникът на местното РУП Стоян Павлов.", "bg")
    assert {(o["name"], o["role"]) for o in found} >= {("Петко Колев", "other")}
    assert all(o["role"] != "councillor" for o in found)  # an MP sits in no municipal council


def test_a_persian_name_after_an_honorific_before_its_office():
    assert held("هیئت مورد استقبال مهندس علی رضایی مشاور عالی شهردار شیراز قرار گرفت.",
                "fa") == [("علی رضایی", "municipal_official")]


def test_the_name_opening_a_clause_takes_the_office_it_is_chosen_as():
    text = ("پس از استعفای شهردار پیشین، علی محمدی هفته گذشته به عنوان شهردار کرمان انتخاب شد.")
    assert held(text, "fa") == [("علی محمدی", "mayor")]


def test_one_capitalised_word_before_an_office_is_no_name():
    found = officials("Belediye Meclis Toplantısı, Başkan Vekili Ali Demirci başkanlığında "
                      "yapıldı. Sapanca Belediye Başkanı Doç. Dr. Yusuf Yılmaz da katıldı.", "tr")
    names = {o["name"] for o in found}
    assert "Toplantısı" not in names and "Doç" not in names and "Yusuf Yılmaz" in names


def test_a_name_joined_after_the_holder_holds_the_office_too():
    assert held("Kuşadası Belediye Meclis Üyeleri Ali Veli ve Ayşe Kaya da katıldı.",
                "tr") == [("Ali Veli", "councillor"), ("Ayşe Kaya", "councillor")]


@pytest.mark.parametrize(("text", "language", "expected"), [
    ("Кметът Петров откри изложбата в галерията.", "bg", [("Петров", "mayor")]),
    ("През 2010 г. той е началник на Управлението по транспорт в общината.", "bg", []),
    ("Demir daha önce İl Başkan Yardımcılığı yaptı.", "tr", []),
    ("Kaya, Bakan Müşavirliğinden ayrılarak özel sektöre geçti.", "tr", []),
    ("Belediye Başkanı:\n\nGeçen yıl kardeş şehir ilişkileri güçlendi.", "tr", []),
])
def test_one_word_is_a_name_only_right_after_its_office(text, language, expected):
    assert held(text, language) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Кметът на унгарския град – Ласло Ковач посети Казанлък.", [("Ласло Ковач", "mayor")]),
    ("На срещата присъства и началникът на областното ОДМВР Петър Колев.",
     [("Петър Колев", "other")]),
    ("Кметът на общината посрещна Иван Петров в кабинета си.", []),
    ("Споразумението подписаха кметът на община Тетевен, г-н Петров, и заместник-кметът на "
     "сръбската община – г-жа Ана Йович.", [("Петров", "mayor"), ("Ана Йович", "deputy_mayor")]),
])
def test_words_that_say_which_place_stand_between_an_office_and_its_holder(text, expected):
    assert held(text, "bg") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Mehmet Öztürk, Manisa Belediye Başkanı, açılışta konuştu.",
     [("Mehmet Öztürk", "mayor")]),
    ("Toplantıda Selim Acar, Marmara Belediyeler Birliği Başkanı olarak konuştu.",
     [("Selim Acar", "organization_leader")]),
    # the office after the comma with its case or the next name is another's
    ("Vali Selim Acar, Manisa Belediye Başkanı ile görüştü.", [("Selim Acar", "governor")]),
])
def test_a_turkish_office_set_off_after_a_name_past_its_place_or_body(text, expected):
    assert held(text, "tr") == expected


def test_a_turkish_headman_is_an_official_of_no_municipality():
    assert officials("Yeşilköy Muhtarı Kemal Arslan köylüleri dinledi.", "tr")[0]["role"] == "other"


@pytest.mark.parametrize(("text", "expected"), [
    ("وزیر نیرو علی اکبر محرابیان از سد بازدید کرد.", [("علی اکبر محرابیان", "minister")]),
    ("وزیر جهاد کشاورزی غلامرضا نوری گفت که کار ادامه دارد.", [("غلامرضا نوری", "minister")]),
    ("وزیر راه و شهرسازی فرزانه صادق در جلسه حضور داشت.", [("فرزانه صادق", "minister")]),
    # a word said, or a conjunction, before the name: no field of the office
    ("شهردار گفت حسین کریمی به زودی می آید.", []),
    ("شهردار و حسین کریمی در جلسه بودند.", []),
    ("رئیس مجلس شورای اسلامی، محمدباقر قالیباف، گفت که کار ادامه دارد.",
     [("محمدباقر قالیباف", "other")]),
])
def test_a_persian_office_its_field_and_then_its_holder(text, expected):
    assert held(text, "fa") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Генералният консул на Гърция в Бургас Янис Пападопулос откри изложбата.",
     [("Янис Пападопулос", "diplomat")]),
    ("Посланикът на Полша Н.Пр. Мачей Шимански беше гост на кмета.",
     [("Мачей Шимански", "diplomat")]),
    ("Секретарят на Община Елена Стела Маринова откри сесията.",
     [("Стела Маринова", "municipal_official")]),
    # a village the index lacks, after its abbreviation: its words, then the name
    ("Кметът на с. Горно Поле Васил Ненов посрещна гостите.", [("Васил Ненов", "mayor")]),
    # the representatives of the council sit on it; the municipality's work for it
    ("Присъстваха представителите на Общинския съвет – Иван Колев и Мария Дончева.",
     [("Иван Колев", "councillor"), ("Мария Дончева", "councillor")]),
    ("Представители на общината – Петя Русева и Стоян Митев – посрещнаха гостите.",
     [("Петя Русева", "municipal_official"), ("Стоян Митев", "municipal_official")]),
    ("Гости бяха и представители на община Ржгув, Полша.", []),
    # one office in the plural for two holders, the second's place after "and of"
    ("Кметовете на Община Русе Пенчо Милков и на Община Гюргево – Николае Барбу подписаха "
     "споразумението.", [("Пенчо Милков", "mayor"), ("Николае Барбу", "mayor")]),
    # a district's name in quotes between the office and its holder
    ("Кметът на район „Оборище“ Ана Колева посрещна гостите.", [("Ана Колева", "mayor")]),
    ("Кметът на Русе посрещна „Шарена стомна“ Иван Петров.", []),
    # a deputy mayor as a foreign city's is often called (vice-mayor)
    ("Гостите водеше Ана Ковач, вицекмет на Загреб.", [("Ана Ковач", "deputy_mayor")]),
])
def test_bulgarian_envoys_secretaries_and_village_mayors(text, expected):
    assert held(text, "bg") == expected


def test_the_second_holder_of_an_office_said_once_is_of_the_place_named_for_them():
    found = officials("Кметовете на Община Русе Пенчо Милков и на Община Гюргево – Николае "
                      "Барбу подписаха споразумението.", "bg")
    assert [(o["name"], o["city"]) for o in found] == [
        ("Пенчо Милков", 727523), ("Николае Барбу", 677106)]  # Ruse, Giurgiu


@pytest.mark.parametrize("text", [
    "معاون فنی و عمرانی شهرداری شیراز، حسین کریمی، از پروژه بازدید کرد.",
    "حسین کریمی معاون خدمات شهری شهرداری شیراز گفت که کار ادامه دارد.",
])
def test_a_deputy_of_a_persian_municipality_with_its_field_is_a_deputy_mayor(text):
    assert held(text, "fa") == [("حسین کریمی", "deputy_mayor")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Министърът на земеделието Петър Димов откри панаира.", [("Петър Димов", "minister")]),
    ("Гост беше министърът на вътрешните работи Иво Колев.", [("Иво Колев", "minister")]),
    ("Заместник-кметът по образование Нели Кирова връчи наградите.",
     [("Нели Кирова", "deputy_mayor")]),
    ("Зам.-кметът по туризъм и спорт Иван Русев поздрави гостите.",
     [("Иван Русев", "deputy_mayor")]),
    ("Председателят на комисията по транспорт Калин Иванов внесе доклада.",
     [("Калин Иванов", "organization_leader")]),
    # a verb after the office's "of", or "during" after it: the name is another's
    ("Кметът на града поздрави гостите Иван Петров и Мария Колева.", []),
    ("Заместник-кметът по време на срещата Иван Петров благодари.", []),
])
def test_a_ministry_or_a_field_in_small_letters_stands_between_the_office_and_its_holder(
        text, expected):
    assert held(text, "bg") == expected


def test_a_persian_surname_after_its_honorific_right_before_the_office_is_the_holders():
    assert held("مهندس کریمی شهردار همدان از نمایشگاه کتاب بازدید کرد.", "fa") == [
        ("کریمی", "mayor")]
    assert officials("کریمی شهردار همدان از نمایشگاه کتاب بازدید کرد.", "fa") == []


def test_a_colon_after_an_office_lists_its_holders_with_their_places():
    assert held("На срещата присъстваха кметове на села в общината: Петър Петров – Дъбово, "
                      "инж. Мария Колева – Ягода и Иван Стоянов – Шейново.", "bg") == [
        ("Петър Петров", "mayor"), ("Мария Колева", "mayor"), ("Иван Стоянов", "mayor")]
    assert officials("Кметът заяви: Иван Петров ще бъде новият директор.", "bg") == []


def test_an_office_in_the_plural_is_held_by_every_name_its_list_gives():
    assert held("Törende Meclis Üyeleri Ayşe Kaya, Hasan Çelik ve Murat Şahin de hazır "
                      "bulundu.", "tr") == [
        ("Ayşe Kaya", "councillor"), ("Hasan Çelik", "councillor"), ("Murat Şahin", "councillor")]
    found = officials("Belediye Başkanı Ali Veli, Mehmet Demir ile görüştü.", "tr")
    assert [o["name"] for o in found] == ["Ali Veli"]  # one mayor: the comma ends his name


@pytest.mark.parametrize(("text", "expected"), [
    # named once after the source of the news, called by office in the next sentence
    ("به گزارش خبرگزاری مهر، علی حسینی در این دیدار از همکاری دو شهر سخن گفت. شهردار همدان "
     "در ادامه افزود که این همکاری ادامه دارد.", [("علی حسینی", "mayor")]),
    # the office first, the name after it
    ("همچنین استاندار کرمان در نشستی با خبرنگاران از این طرح خبر داد. محمدرضا کاظمی با "
     "اشاره به این طرح گفت که کار آغاز شده است.", [("محمدرضا کاظمی", "governor")]),
    # no office anywhere: the person the item is about is `other`
    ("قدرت الله حیدری با اشاره به اهمیت گردشگری گفت که شهر آماده است.",
     [("قدرت الله حیدری", "other")]),
    # a first name in quotes after the source of the news
    ('به گزارش روابط عمومی "مهدی نوری" در این نشست اظهار کرد که کار ادامه دارد.',
     [("مهدی نوری", "other")]),
])
def test_the_person_a_persian_news_item_is_about_and_the_office_it_calls_them_by(text, expected):
    assert held(text, "fa") == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a noun before a light verb is the verb's, not the name's last word
    ("شهردار کرمان حمید رحیمی دیروز وارد شد.", [("حمید رحیمی", "mayor")]),
    ("استاندار یزد مهران فاطمی با هیئت ژاپنی دیدار کرد.", [("مهران فاطمی", "governor")]),
    # رییس, the office as often spelt with two dots as with the hamza (رئیس)
    ("محمد کریمی در این نشست سخن گفت. رییس شورای اسلامی شهر قم افزود که کار ادامه دارد.",
     [("محمد کریمی", "council_chair")]),
])
def test_a_persian_name_ends_before_a_light_verb_and_rayis_is_spelt_both_ways(text, expected):
    assert held(text, "fa") == expected


@pytest.mark.parametrize(("text", "language", "expected"), [
    # "mayors" inside a body's name is the body's, not the office of the name after it
    ("دبیرکل مجمع شهرداران آسیا حسین کریمی امروز سخنرانی کرد.", "fa",
     [("حسین کریمی", "organization_leader")]),
    ("Avrupa Belediye Başkanları Konseyi Genel Sekreteri Marie Dubois konuştu.", "tr",
     [("Marie Dubois", "organization_leader")]),
])
def test_an_office_word_inside_a_bodys_name_is_no_office_of_its_holder(text, language,
                                                                       expected):
    assert held(text, language) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a name commas set off after the office and its places, no first name known
    ("سرکنسول ترکیه در تبریز، فاروق کایماکچی، با شهردار دیدار کرد.",
     [("فاروق کایماکچی", "diplomat")]),
    ("شهردار قزوین، عابدین پورمند، از هیئت استقبال کرد.", [("عابدین پورمند", "mayor")]),
    # but not a delegation so set off
    ("شهردار قزوین، هیئت ژاپنی، را پذیرفت.", []),
])
def test_a_persian_name_commas_set_off_after_its_office(text, expected):
    assert held(text, "fa") == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a cleric's title of two words is no part of his name; his office is a religious one
    ("حجت الاسلام علی رضوانی امام جمعه قم در این دیدار سخن گفت.", [("علی رضوانی", "other")]),
    # a first name of two words keeps both (حجت الله)
    ("حجت الله کریمی شهردار قم گفت که کار ادامه دارد.", [("حجت الله کریمی", "mayor")]),
])
def test_a_persian_title_of_two_words_is_no_part_of_the_name(text, expected):
    assert held(text, "fa") == expected


def test_a_subject_named_after_the_source_takes_the_headlines_office():
    page = Text("به گزارش ایرنا، حسن مرادی با پنج رای از نه رای انتخاب شد.", "fa",
                title="شهردار جدید همدان انتخاب شد")
    found = plain(find_officials(page, find_cities(page, "IR")))
    assert [(o["name"], o["role"], o["role_text"]) for o in found] == [
        ("حسن مرادی", "mayor", "شهردار")]


def test_the_headlines_office_is_of_the_city_the_headline_names_beside_it():
    # the text's municipality is where he worked before; the headline's is the one he heads
    page = Text("به گزارش ایرنا، حسن مرادی با پنج رای از نه رای انتخاب شد. وی پیش از این "
                "معاون شهرداری ملایر بود و اکنون مدیریت شهری همدان را بر عهده دارد.", "fa",
                title="شهردار جدید همدان انتخاب شد")
    found = plain(find_officials(page, find_cities(page, "IR")))
    assert [(o["name"], o["role"], o["city"]) for o in found if o["name"] == "حسن مرادی"] == [
        ("حسن مرادی", "mayor", 132144)]  # Hamadan


def test_a_subjects_words_end_at_the_name_the_page_gave_already():
    text = ("به گزارش ایسنا، حسین مرادی زاده در نشست شورای شهر اظهار کرد که کار ادامه دارد. "
            "مرادی زاده کارشناس ارشد شهرسازی است.")
    assert [o["name"] for o in officials(text, "fa")] == ["حسین مرادی زاده"]


def test_a_word_that_opens_a_sentence_but_is_no_first_name_opens_no_name():
    assert officials("شهرداری همدان در این نشست حضور داشت. امید مردم به این طرح زیاد است.",
                     "fa") == []


@pytest.mark.parametrize(("text", "language", "expected"), [
    ("Георги Стоянов, председател на сдружението и кмет на Созопол, откри срещата.", "bg",
     [("Георги Стоянов", "mayor")]),
    ("هیئتی به ریاست رضا کاظمی، نماینده شهردار و رئیس شورای شهر اردبیل وارد شد.", "fa",
     [("رضا کاظمی", "council_chair")]),
    # past a body's long name and what brackets hold
    ("Петя Колева, председател на Управителния съвет (УС) на Асоциацията на дунавските "
     "общини (АДО) и кмет на Свищов, откри форума.", "bg", [("Петя Колева", "mayor")]),
])
def test_an_office_a_conjunction_joins_to_a_persons_office_is_theirs_too(text, language,
                                                                         expected):
    assert held(text, language) == expected


def test_a_persian_name_in_quotes_before_its_office():
    assert held("هیئتی به ریاست «رضا کاظمی» معاون شهردار تبریز وارد استانبول شد.", "fa") == [
        ("رضا کاظمی", "deputy_mayor")]


def test_the_headline_names_the_office_of_a_person_the_text_names_without_one():
    page = Text("شورای شهر کاشان رضا کریمی را انتخاب کرد. رضا کریمی پیش از این معاون شهردار "
                "بود.", "fa", title="رضا کریمی شهردار کاشان شد")
    found = plain(find_officials(page, find_cities(page, "IR")))
    assert {(o["name"], o["role"]) for o in found} == {("رضا کریمی", "mayor")}


@pytest.mark.parametrize(("text", "expected"), [
    ("این هیئت با قدرت الله رحیمی، شهردار کرمان، دیدار کرد.", [("قدرت الله رحیمی", "mayor")]),
    ("پس از استعفای شهردار، مجید رستمی سرپرستی شهرداری کرمان را بر عهده گرفت.",
     [("مجید رستمی", "mayor")]),  # an acting mayor is a mayor
])
def test_a_persian_name_from_its_first_name_on_and_the_acting_mayor(text, expected):
    assert held(text, "fa") == expected


@pytest.mark.parametrize("text", [
    "حسن نیت دو طرف در این دیدار آشکار بود.",  # good will: a first name and a noun
    "مجید رضوانی کارگردان فیلم در جشنواره حضور یافت.",  # a director, quoted in nothing
    "کریم خان زند بنیانگذار سلسله زندیه بود.",  # a ruler in a history
])
def test_a_first_name_opening_a_sentence_with_no_office_and_no_words_said_is_no_official(text):
    assert officials(text, "fa") == []


@pytest.mark.parametrize(("text", "language", "expected"), [
    # a comma after the name ends it: the body after the comma is no part of it
    ("Toplantıya Kepez Belediye Başkanı Ali Kaya, birlik üyesi belediye başkanları ve davetliler "
     "katıldı.", "tr", [("Ali Kaya", "mayor")]),
    ("В групата беше и главният юрисконсулт Петър Колев.", "bg",
     [("Петър Колев", "municipal_official")]),
])
def test_a_name_before_a_comma_and_a_municipal_lawyer(text, language, expected):
    assert held(text, language) == expected


def test_the_role_text_is_the_office_phrase_not_the_text_between_two_mentions():
    text = ("Toplantıya Enerji Kentleri Birliği Başkanı ve Denizli Büyükşehir Belediye Başkanı "
            "Osman Zolan katıldı. Toplantıda birliğin yıllık çalışmaları görüşüldü ve yeni "
            "projeler için bütçe ayrıldı. Başkan Zolan, katılımcılara teşekkür etti.")
    found = {o["name"]: o for o in officials(text, "tr")}
    assert found["Osman Zolan"]["role"] == "mayor"
    assert found["Osman Zolan"]["role_text"] == "Başkanı ve Denizli Büyükşehir Belediye Başkanı"
    # nor across the holder's name to the office of the next one listed
    found = {o["name"]: o for o in officials(
        "Toplantıya Dragaş Belediye Başkanı Salim Jenuzı, Meclis Başkanı ve üyeler katıldı.", "tr")}
    assert found["Salim Jenuzı"]["role_text"] == "Belediye Başkanı"


def test_a_persian_name_after_an_office_and_its_city_opens_with_a_first_name():
    """No capitals and no honorific: the first name marks where the holder's name begins."""
    assert held("شهردار شیراز علی رضایی در نشست حضور یافت.", "fa") == [("علی رضایی", "mayor")]
    assert held("شهردار شیراز در نشست حضور یافت.", "fa") == []


def test_a_governors_region_stands_between_the_office_and_the_name_and_is_no_city():
    assert held("استاندار فارس محمد هادی ایمانیه از نمایشگاه بازدید کرد.", "fa") == [
        ("محمد هادی ایمانیه", "governor")]
    found = officials("فرماندار شهرستان کرج حسن احمدی و استاندار اصفهان علی کاظمی در مراسم "
                      "حضور داشتند.", "fa")
    assert [(o["name"], o["role"], o["city"]) for o in found] == [
        ("حسن احمدی", "governor", None), ("علی کاظمی", "governor", None)]
    assert held("Областният управител на Пловдив Иван Петров откри изложбата.", "bg") == [
        ("Иван Петров", "governor")]


def test_a_region_named_in_several_words_is_passed_over_whole():
    """The index knows the words together (Стара Загора, Велико Търново): all are the
    region's, none the holder's name; a first word alone stays the region's name."""
    for region in ("Стара Загора", "Велико Търново", "Монтана"):
        assert held(f"Областният управител на област {region} Георги Димов посети Лом.",
                    "bg") == [("Георги Димов", "governor")]


def test_a_name_index_finds_the_first_name_of_the_same_person_among_namesakes():
    from parsers.names import NameIndex

    index = NameIndex()
    for name in ("Ahmet Yıldırım", "Mehmet Yıldırım", "Yıldırım", "Canan Ekinci"):
        index.add(name)
    assert index.first_same("Mehmet Yıldırım") == 1
    assert index.first_same("Dr. Canan Ekinci") == 3  # a title is no word of the name
    assert index.first_same("Yıldırım") == 0  # the surname alone: the first who bears it
    assert index.first_same("Selim Yıldırım") == 2  # only the bare surname may be him
    assert index.first_same("Ekin Canan") is None
    index.rename(3, "Canan Ekinci Sarı")
    assert index.first_same("Sarı") == 3


def test_many_people_on_a_page_are_each_one_official():
    firsts = ("Ahmet", "Mehmet", "Selim", "Canan", "Derya", "Kemal")
    lasts = ("Yıldırım", "Ekinci", "Sarı", "Bozkurt", "Tekin")
    names = [f"{a} {b}" for a in firsts for b in lasts]
    text = " ".join(f"Belediye Başkanı {n} toplantıya katıldı." for n in names)
    assert sorted(name for name, _ in held(text, "tr")) == sorted(names)


def test_a_persian_name_ends_before_while_and_during():
    # ضمن (while), طی (during) follow the subject's name: they are none of its words
    assert held("شهردار قزوین آقای رضا کاظمی ضمن خوشامد به میهمانان سخن گفت.", "fa") == [
        ("رضا کاظمی", "mayor")]
    assert held("شهردار قزوین رضا کاظمی طی سفری به ارمنستان رفت.", "fa") == [
        ("رضا کاظمی", "mayor")]


@pytest.mark.parametrize("text, language, expected", [
    ("Заместник-кметът ЯНА БОЕВА подписа договора.", "bg", [("ЯНА БОЕВА", "deputy_mayor")]),
    ("Кметът ИВАН ПЕТРОВ ГЕОРГИЕВ откри изложбата.", "bg",
     [("ИВАН ПЕТРОВ ГЕОРГИЕВ", "mayor")]),
    ("Кмет\nЗЛАТКО ПЕТКОВ ЖИВКОВ – кмет на община Монтана", "bg",
     [("ЗЛАТКО ПЕТКОВ ЖИВКОВ", "mayor")]),
    ("BELEDİYE BAŞKANI MEHMET ÖZ kurdeleyi kesti.", "tr", [("MEHMET ÖZ", "mayor")]),
    # a party's initials beside a name are still no part of it
    ("Депутатите от ГЕРБ Иво Димов и Мария Колева гласуваха.", "bg",
     [("Иво Димов", "other"), ("Мария Колева", "other")]),
    ("Belediye Başkanı Mansur Yavaş CHP adına konuştu.", "tr", [("Mansur Yavaş", "mayor")]),
])
def test_a_name_written_in_capitals_is_read_whole(text, language, expected):
    assert held(text, language) == expected


@pytest.mark.parametrize("text, language", [
    ("КМЕТЪТ НА ОБЩИНА ЯМБОЛ ПОСРЕЩНА ДЕЛЕГАЦИЯ ОТ ГРУЗИЯ", "bg"),
    ("BAŞKAN YAVAŞ KARDEŞ ŞEHİR TÖRENİNE KATILDI", "tr"),
])
def test_the_words_after_an_office_in_a_heading_in_capitals_are_no_name(text, language):
    assert held(text, language) == []


def test_an_empty_field_after_an_office_label_lends_it_the_next_label_as_no_name():
    text = ("Belediye Başkanı:\nWeb Sitesi : http://www.example.org/\n\n"
            "Belediye Başkan Yardımcısı:\nSelin Aydın\nWeb Sitesi : http://www.example.org/")
    assert held(text, "tr") == [("Selin Aydın", "deputy_mayor")]


def test_an_office_of_a_place_set_only_in_a_country_is_of_that_countrys_city_never_home():
    text = ("Делегация от Батуми посети Ямбол. Кметът на Ямбол Георги Славов и кметът на "
            "грузинския град – Серго Хидешели подписаха споразумение.")
    found = {o["name"]: o["city"] for o in officials(text, "bg")}
    assert found == {"Георги Славов": 725578, "Серго Хидешели": 615532}  # Yambol, Batumi
    # no city of that country named: none known, not the city named before
    alone = officials(text.replace("от Батуми ", ""), "bg")
    assert [o["city"] for o in alone] == [725578, None]
    # a country named after the office's own city does not move it
    assert [o["city"] for o in officials("Иван Петров, кмет на Русе, посети Турция.", "bg")] \
        == [727523]


@pytest.mark.parametrize("text, language, name", [
    ("Vali Yardımcısı Kemal Ünal açılışı yaptı.", "tr", "Kemal Ünal"),
    ("Заместник областният управител Елена Димова откри форума.", "bg", "Елена Димова"),
    ("معاون استاندار آقای حسن کریمی در این نشست گفت.", "fa", "حسن کریمی"),
])
def test_a_deputy_governor_holds_the_governors_office(text, language, name):
    assert held(text, language) == [(name, "governor")]


def test_offices_a_description_in_small_letters_parts_are_not_one_holders():
    text = ("Gürcü Belediye Başkan Yardımcısı ve birim müdürlerinden oluşan heyet Konya "
            "Belediye Başkanı Uğur İbrahim Altay'ı makamında ziyaret etti.")
    assert held(text, "tr") == [("Uğur İbrahim Altay", "mayor")]
    # offices a conjunction lists before one name are all his (Daire Başkanı ve Sekreteri)
    listed = officials("Kültür Daire Başkanı ve Birlik Genel Sekreteri Ayşe Demir konuştu.",
                       "tr")
    assert [o["name"] for o in listed] == ["Ayşe Demir"]
    assert listed[0]["role"] == "municipal_official"


@pytest.mark.parametrize("text, expected", [
    # the council member who chairs the session in the mayor's stead is a councillor
    ("Oturum, Meclis Başkan Vekili Kemal Tunç başkanlığında açıldı.",
     [("Kemal Tunç", "councillor")]),
    ("Toplantı, Başkan Vekili Derya Kılıç başkanlığında yapıldı.",
     [("Derya Kılıç", "councillor")]),
    # the acting mayor is the deputy mayor; a department's head a municipal official
    ("Belediye Başkan Vekili Okan Sarı açılışı yaptı.", [("Okan Sarı", "deputy_mayor")]),
    ("Park ve Bahçeler Dairesi Başkanı Nur Er konuştu.", [("Nur Er", "municipal_official")]),
    # the name a dash sets off before the office and its field (Fen İşleri Müdürü)
    ("Törene Can Ateş – Fen İşleri Müdürü ve Ece Kaya – Meclis Üyesi katıldı.",
     [("Can Ateş", "municipal_official"), ("Ece Kaya", "councillor")]),
])
def test_turkish_council_and_department_offices(text, expected):
    assert held(text, "tr") == expected


@pytest.mark.parametrize("text, language, city", [
    # a province's or a county's governor holds no city's office
    ("فرماندار شیراز آقای لشکری در این مراسم گفت.", "fa", None),
    ("İZMİR VALİSİ Süleyman Elban törene katıldı.", "tr", None),
    ("Областният управител на Русе Иван Петров откри форума.", "bg", None),
    # a district governor's district is a town
    ("Kuşadası Kaymakamı Muammer Aksoy heyeti kabul etti.", "tr", 305359),
])
def test_a_regional_governor_holds_no_citys_office(text, language, city):
    found = officials(text, language)
    assert [(o["role"], o["city"]) for o in found] == [("governor", city)]


def test_a_persian_surname_after_its_honorific_follows_the_office():
    assert held("شهردار تبریز دکتر رضایی از هیئت استقبال کرد.", "fa") == [("رضایی", "mayor")]
    # with no honorific, one word after the office is no name
    assert held("شهردار تبریز رضایی را دید.", "fa") == []


@pytest.mark.parametrize("text, language, expected", [
    # titles of any length, dotted or not, stand between an office and its holder
    ("Törene Belediye Başkanı Prof. Dr. Ayşe Demir katıldı.", "tr", [("Ayşe Demir", "mayor")]),
    ("Törene Belediye Başkanı Uzm. Dr. Ayşe Demir katıldı.", "tr", [("Ayşe Demir", "mayor")]),
    # (a surname that is also a village's name, after titles: Kara)
    ("Törene Vali Yardımcısı Prof. Dr. Ayşe Kara katıldı.", "tr", [("Ayşe Kara", "governor")]),
    ("Кметът инж Стоян Колев откри моста.", "bg", [("Стоян Колев", "mayor")]),
    # a body's initials in brackets inside the office; the national assembly is no council
    ("Törene Türkiye Büyük Millet Meclisi (TBMM) Başkanı Ali Koç katıldı.", "tr",
     [("Ali Koç", "other")]),
    ("Törene Belediye Meclisi Başkanı Ali Koç katıldı.", "tr", [("Ali Koç", "council_chair")]),
    # a hyphen of the office written as a spaced dash
    ("Заместник – кметът Стоян Колев посрещна гостите.", "bg", [("Стоян Колев", "deputy_mayor")]),
    # "the municipality" names no place after it: the holder's first name is no village
    ("Кметът на общината Иван Петров посрещна гостите.", "bg", [("Иван Петров", "mayor")]),
    ("Председателят на ОбС Стоян Колев откри сесията.", "bg", [("Стоян Колев", "council_chair")]),
    ("Главният архитект Стоян Колев представи плана.", "bg",
     [("Стоян Колев", "municipal_official")]),
    # the acting mayor and the deputy chairs, written as one word
    ("Belediye Başkanvekili Ayşe Demir törene katıldı.", "tr", [("Ayşe Demir", "deputy_mayor")]),
    ("Meclis Başkanvekili Ayşe Demir oturumu açtı.", "tr", [("Ayşe Demir", "councillor")]),
    ("Törene Büyükşehir Belediyesi Genel Sekreteri Ayşe Demir katıldı.", "tr",
     [("Ayşe Demir", "municipal_official")]),
    # two first names written as one
    ("استاندار فارس، محمدهادی ایمانیه گفت.", "fa", [("محمدهادی ایمانیه", "governor")]),
    # the country an envoy serves, and the place of his post, stand between office and name
    ("سفیر ترکیه آقای فیرات گفت.", "fa", [("فیرات", "diplomat")]),
    ("سرکنسول روسیه در اصفهان آقای الکسی دداف گفت.", "fa", [("الکسی دداف", "diplomat")]),
    # a mayor's sentence that goes on to another place names no holder there
    ("شهردار تهران در اصفهان آقای محمدی را دید.", "fa", []),
])
def test_offices_and_names_as_real_pages_write_them(text, language, expected):
    assert held(text, language) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a surname in capitals after a first name, as Turkish pages often write it
    ("Toplantıya Kültür Müdürü Elif ÖZ ve Meclis Üyesi Hasan Yıldız katıldı.",
     [("Elif ÖZ", "municipal_official"), ("Hasan Yıldız", "councillor")]),
    ("Belediye Başkan Yardımcısı Murat ARSLAN törende konuştu.",
     [("Murat ARSLAN", "deputy_mayor")]),
    # a party's initials after a surname stay out of the name
    ("Meclis Üyesi Hasan Yıldız CHP adına konuştu.", [("Hasan Yıldız", "councillor")]),
])
def test_a_turkish_surname_in_capitals_after_a_first_name(text, expected):
    assert held(text, "tr") == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a name before its office from its first name on, words of the sentence before it
    ("در جلسه دیروز حسن کریمی رئیس شورای شهر کرمان سخنرانی کرد.",
     [("حسن کریمی", "council_chair")]),
    ("پس از آن محمد رضا نوری شهردار یزد به سوالات پاسخ داد.",
     [("محمد رضا نوری", "mayor")]),
    # a name set off by commas after its office, past its honorific
    ("فرماندار کاشان، دکتر علی صادقی، از پروژه بازدید کرد.", [("علی صادقی", "governor")]),
    ("شهردار یزد، مهندس حسن کریمی، گفت که کار ادامه دارد.", [("حسن کریمی", "mayor")]),
])
def test_persian_names_from_their_first_name_and_past_honorifics(text, expected):
    assert held(text, "fa") == expected


@pytest.mark.parametrize("text", [
    # after a country, no place name goes on: the run is the envoy's whole name
    "Посланикът на Северна Македония Агнеза Руси Поповска благодари за приема.",
    # a country of three words, and the one of the posting, are passed over as two places
    "Посланикът на Република Северна Македония в България Агнеза Руси Поповска благодари.",
    # and the parts of an honorific written apart count as nothing passed over
    "Посланикът на Република Северна Македония в България Н. Пр. Агнеза Руси Поповска "
    "благодари.",
])
def test_an_envoys_whole_name_after_the_countries_of_the_posting(text):
    assert held(text, "bg") == [("Агнеза Руси Поповска", "diplomat")]
    # (after a village's name unknown to the index, its name's last two words stay the name's)
    assert held("Кметът на с. Горно Абланово Иван Петров благодари.", "bg") == [
        ("Иван Петров", "mayor")]


def test_a_name_joined_to_an_offices_holder_with_an_office_of_its_own_holds_that_one():
    found = held("در این نشست معاون بین‌الملل شهرداری تهران محمد فاضل و کاظم جلالی سفیر ایران "
                 "در روسیه حضور داشتند.", "fa")
    assert ("کاظم جلالی", "diplomat") in found and ("محمد فاضل", "deputy_mayor") in found
    # (without an office after it, the joined name holds the one before: депутатите … и …)
    assert held("Присъстваха депутатите Иво Димов и Иван Петров.", "bg") == [
        ("Иво Димов", "other"), ("Иван Петров", "other")]


def test_a_foreign_first_name_as_persian_writes_it_opens_a_name_before_its_office():
    assert ("میخائیل سوبیانین", "mayor") in held(
        "مهدی چمران رئیس شورای اسلامی شهر تهران در دیدار با میخائیل سوبیانین شهردار مسکو بر "
        "گسترش همکاری‌ها تأکید کرد.", "fa")


@pytest.mark.parametrize("text", [
    "Basın Müşaviri Eren Tok toplantıya katıldı.",
    "Belediye Başkanı Danışmanı Eren Tok toplantıya katıldı.",
    "Büyükşehir Belediye Başkanı Danışmanı Eren Tok toplantıya katıldı.",
])
def test_a_mayors_adviser_is_the_municipalitys_staff(text):
    assert held(text, "tr") == [("Eren Tok", "municipal_official")]


@pytest.mark.parametrize("text", [
    "Съветникът на кмета Иван Петров присъства на срещата.",
    # a body's name in quotes after the office's own "of" (на дирекция „Култура“)
    "Директорът на дирекция „Култура“ Иван Петров присъства на срещата.",
])
def test_bulgarian_staff_before_their_names(text):
    assert held(text, "bg") == [("Иван Петров", "municipal_official")]


def test_an_office_said_as_ours_is_of_the_pages_city():
    # the mayor of "ours" (Belediye Başkanımız) by the name of another city he went to
    found = officials("Sapanca Belediyesi heyeti hazırlandı. Belediye Başkanımız Özcan Özen, "
                      "Budapeşte'de düzenlenen zirveye katıldı ve Budapeşte Belediye Başkanı "
                      "Gergely Karácsony ile görüştü. Özen Sapanca'ya döndü.", "tr")
    assert [(o["name"], o["city"]) for o in found] == [("Özcan Özen", 740230),
                                                      ("Gergely Karácsony", 3054643)]


def test_a_persian_office_with_its_field_before_the_holder():
    # در امور …: the field, then an honorific or a first name
    assert held("معاون شهردار شیراز در امور بین الملل آقای حسن کریمی با سفیر ژاپن دیدار کرد.",
                "fa") == [("حسن کریمی", "deputy_mayor")]
    assert held("معاون شهردار در امور فرهنگی علی کریمی گفت.", "fa") == [
        ("علی کریمی", "deputy_mayor")]
    # (a field with no name after it holds none)
    assert held("شهردار شیراز در امور شهری تصمیم گرفت.", "fa") == []


def test_a_persian_subjects_name_that_also_closes_is_whole():
    # a foreign name no first name marks, the subject "also" closes
    assert held("شهردار نجف منیر حسن الجبوری نیز در این نشست سخن گفت.", "fa") == [
        ("منیر حسن الجبوری", "mayor")]
    assert held("شهردار نجف نیز در این نشست سخن گفت.", "fa") == []


def test_an_office_in_the_plural_shared_past_a_comma_and_and():
    found = officials("Присъстваха кметовете на Русе – Пенчо Милков, и на Гюргево – Адриан "
                      "Андрей Фулгер.", "bg")
    assert [(o["name"], o["role"], o["city"]) for o in found] == [
        ("Пенчо Милков", "mayor", 727523), ("Адриан Андрей Фулгер", "mayor", 677106)]


def test_a_counterpart_holds_the_office_named_before_it_elsewhere():
    found = officials("Кметът на Бургас Димитър Николов и неговият колега от Одеса Генадий "
                      "Труханов обсъдиха сътрудничеството.", "bg")
    assert [(o["name"], o["role"], o["city"]) for o in found] == [
        ("Димитър Николов", "mayor", 732770), ("Генадий Труханов", "mayor", 698740)]
    found = officials("Konya Büyükşehir Belediye Başkanı Uğur İbrahim Altay, Tahran'daki "
                      "mevkidaşı Alireza Zakani ile görüştü.", "tr")
    assert [(o["name"], o["role"], o["city"]) for o in found] == [
        ("Uğur İbrahim Altay", "mayor", 306571), ("Alireza Zakani", "mayor", 112931)]


def test_a_heading_in_capitals_names_no_one_but_from_a_first_name_or_a_title():
    assert held("КМЕТЪТ НА ПЛОВДИВ ПОСЕТИ ЛЕВЕРКУЗЕН\n\nКметът на Пловдив Костадин Димитров "
                "посети града.", "bg") == [("Костадин Димитров", "mayor")]
    # the surname a title names, the same person as the body's
    assert held("BAŞKAN ALTAY KARDEŞ ŞEHİR TİFLİS'TE\n\nKonya Büyükşehir Belediye Başkanı Uğur "
                "İbrahim Altay, Tiflis'te temaslarda bulundu.", "tr") == [
        ("Uğur İbrahim Altay", "mayor")]


def test_an_office_with_no_city_of_its_own_takes_none_right_before_another_office():
    found = officials("Bursa'da düzenlenen festivalde Plovdiv Belediye Başkanı Kostadin Dimitrov "
                      "ile Büyükşehir Belediye Başkanı Alinur Aktaş bir araya geldi.", "tr")
    assert [(o["name"], o["city"]) for o in found] == [("Kostadin Dimitrov", 728193),
                                                      ("Alinur Aktaş", 750269)]


def test_a_persian_headlines_happening_before_an_office_in_the_plural_is_no_name():
    assert held("نشست مشترک شهرداران تبریز و ارزروم\n\nیعقوب هوشیار شهردار تبریز با محمد "
                "سکمن شهردار ارزروم دیدار کرد.", "fa") == [("یعقوب هوشیار", "mayor"),
                                                         ("محمد سکمن", "mayor")]


def test_an_office_in_the_plural_said_again_of_another_body_with_its_holders():
    found = officials("Представителите на Общински съвет – Иван Колев и Мария Илиева, и на "
                      "Община Габрово – Петър Стоев и Анна Кирова, участваха в сесията.", "bg")
    assert [(o["name"], o["role"]) for o in found] == [
        ("Иван Колев", "councillor"), ("Мария Илиева", "councillor"),
        ("Петър Стоев", "municipal_official"), ("Анна Кирова", "municipal_official")]


def test_foreign_first_names_as_persian_writes_them_open_a_name():
    assert held("در این نشست کاخا کالادزه شهردار تفلیس سخنرانی کرد.", "fa") == [
        ("کاخا کالادزه", "mayor")]
    assert held("شهردار آنکارا با مراد کوروم وزیر شهرسازی ترکیه دیدار کرد.", "fa") == [
        ("مراد کوروم", "minister")]


def test_a_city_named_after_the_holder_is_where_they_went_not_their_office_unless_whence():
    found = officials("Başkan Erdoğan Toprak, geçen hafta Bakü'de düzenlenen toplantıya "
                      "katıldı.", "tr")
    assert [(o["name"], o["city"]) for o in found] == [("Erdoğan Toprak", None)]
    # the city the holder comes from is their office's
    found = officials("Кметът Пенчо Милков от Русе откри изложбата в Букурещ.", "bg")
    assert [(o["name"], o["city"]) for o in found] == [("Пенчо Милков", 727523)]


def test_turkish_offices_said_as_ours_name_their_holder_and_role():
    assert held("Başkan Yardımcımız Sayın Elif Korkmaz ve Valimiz Kemal Aydın açılışa "
                "katıldı.", "tr") == [("Elif Korkmaz", "deputy_mayor"), ("Kemal Aydın", "governor")]


def test_a_persian_deputy_of_the_mayor_with_a_field_and_the_delegation_after_a_name():
    assert held("به گفته حسین کریمی، معاون خدمات شهری شهردار اراک، طرح آغاز شد.", "fa") == [
        ("حسین کریمی", "deputy_mayor")]
    # "and the delegation with him" is no second holder's name
    assert held("شهردار اراک، حسین کریمی، و هیئت همراه از شهر وان دیدن کردند.", "fa") == [
        ("حسین کریمی", "mayor")]

"""The reference translations are kept right: fingerprints, the listing and re-stamp command, the consistency check, serve.

The fail cases (tests/fixtures/fail/translation-*) run through test_errors.py like every broken statement:
exact lines from check, render and mkdocs build. Here: the parts those cannot show.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from test_serve import Server, _wait

from conftest import FIXTURES, ROOT, STATEMENT, make_project
from scripts.source import translations
from scripts.source.problems import ContentError
from scripts.source.statement import load_parts, load_statement

TRANSLATED = FIXTURES / "pass" / "translated" / "statement"
STALE = FIXTURES / "fail" / "translation-stale" / "statement"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "scripts", "--statement", "statement", *args], cwd=cwd, env=ENV,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(TRANSLATED, tmp_path / "statement")
    return tmp_path


def test_the_statement_and_the_pass_fixture_are_fully_translated() -> None:
    for root in (STATEMENT, TRANSLATED):
        st, found = load_parts(root)
        assert found.errors == () and found.drift == (), root
        english = translations.english_texts(st)
        for edition in st.editions:
            assert edition.official is False
            assert {t.key for t in edition.texts} == set(english)


def test_every_english_key_has_a_form_the_check_accepts() -> None:
    # The one list of keys and the key check must agree, or a real key would be called malformed.
    st, _ = load_parts(STATEMENT)
    keys = translations.english_texts(st)
    assert len(keys) > 100
    assert all(translations._KEY.fullmatch(k) for k in keys), [k for k in keys if not translations._KEY.fullmatch(k)]
    assert "points.us-defense-commitments.summary" in keys and "quotes.ironclad" in keys and "kinds.concern" in keys


def test_each_file_says_the_translations_are_ours() -> None:
    for lang in translations.LANGS:
        text = (STATEMENT / "translations" / f"{lang}.yaml").read_text(encoding="utf-8")
        head = "\n".join(text.splitlines()[:3])
        assert "NOT an official translation" in head and "the site's own" in head
        assert "\nofficial: false\n" in text


# Aliases are shown on pages as 別名 / 다른 이름 ("also known as"). These name what the news summary does not
# say: peace and stability in the Taiwan Strait (it speaks only of actions that destabilize it), the
# Asia-Pacific (a different region from the Indo-Pacific), and a maritime "advance" (it names no claimant).
UNSUPPORTED_ALIASES = {"ja": ("平和と安定", "アジア太平洋", "海洋進出"), "ko": ("평화와 안정", "아시아태평양", "해양 진출")}


@pytest.mark.parametrize("lang", translations.LANGS)
def test_no_alias_asserts_what_the_source_does_not(lang: str) -> None:
    data = yaml.safe_load((STATEMENT / "translations" / f"{lang}.yaml").read_text(encoding="utf-8"))
    for key, words in data["aliases"].items():
        for word in words:
            assert not any(bad in word for bad in UNSUPPORTED_ALIASES[lang]) or (
                key == "topics.apec" and word.startswith(("アジア太平洋経済協力", "아시아태평양경제협력"))), f"{lang} {key}: {word!r}"


def test_fingerprint_ignores_only_spacing_and_unicode_form() -> None:
    fp = translations.fingerprint("The ministers  met\nin Brussels.")
    assert fp == translations.fingerprint("The ministers met in Brussels.") and len(fp) == 12
    assert translations.fingerprint("Cafe\u0301") == translations.fingerprint("Caf\u00e9")
    assert fp != translations.fingerprint("The ministers met in Brussels")


@pytest.mark.parametrize(("lang", "english", "good", "bad"), [
    ("ja", "met on 3 April 2025 in Brussels", "2025年4月3日にブリュッセルで会合", "4月3日にブリュッセルで会合"),
    ("ko", "met on April 3, 2025", "2025년 4월 3일 회의", "2025년 4월 회의"),
    ("ja", "met on April 3 in Brussels", "4月3日にブリュッセルで", "3日にブリュッセルで"),
    ("ko", "the second summit, 12 members", "제2회 정상회의, 회원 12명", "제2회 정상회의, 회원 열두 명"),
    ("ja", "the 2nd summit in 2025", "2025年の第２回サミット", "2025年の第二回サミット"),  # full-width digits count
])
def test_dates_and_numbers_in_the_languages_form(lang: str, english: str, good: str, bad: str) -> None:
    st = load_statement(STATEMENT)
    data = {"texts": {}, "aliases": {}, "acronyms": {}}
    assert translations.consistency(lang, english, good, st, data) == []
    assert translations.consistency(lang, english, bad, st, data) != []


def test_acronyms_and_parties_take_the_glossary_equivalents() -> None:
    st = load_statement(STATEMENT)
    ja = next(e for e in st.editions if e.lang == "ja")
    from scripts.source.yamldoc import parse
    data = parse((STATEMENT / "translations" / "ja.yaml").read_text(encoding="utf-8"), "ja.yaml")[0].data
    assert dict(ja.acronyms)["DPRK"] == ("北朝鮮", "朝鮮民主主義人民共和国", "DPRK")
    check = lambda en, text: translations.consistency("ja", en, text, st, data)  # noqa: E731
    assert check("The DPRK launched.", "北朝鮮が発射した。") == []
    assert check("The DPRK launched.", "DPRKが発射した。") == []
    assert check("The DPRK launched.", "ある国が発射した。") != []
    assert check("The ROK and Japan agreed.", "韓国と日本は一致した。") == []
    assert check("The ROK and Japan agreed.", "日本は一致した。") != []
    assert check("U.S.–Japan–ROK meeting", "日米韓会合") == []  # 日米韓 names all three (forms)
    # The DPRK's name is not the party "Republic of Korea".
    assert check("the Democratic People’s Republic of Korea", "朝鮮民主主義人民共和国") == []


@pytest.mark.build
def test_listing_names_stale_entries_with_the_current_english(tmp_path: Path) -> None:
    shutil.copytree(STALE, tmp_path / "statement")
    done = run("translations", cwd=tmp_path)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    out = done.stdout.splitlines()
    assert out[0].startswith("statement/translations/ja.yaml:53:5: texts.points.open-ports.summary.fingerprint: STALE")
    assert out[1] == "    English now: Both countries will keep their ports open."
    assert out[2] == "    once checked: python -m scripts translations --stamp ja points.open-ports.summary"
    assert run("translations", cwd=TRANSLATED.parent).stdout.endswith("every translation is current\n")


@pytest.mark.build
def test_stamp_changes_only_that_fingerprint_line(tmp_path: Path) -> None:
    shutil.copytree(STALE, tmp_path / "statement")
    folder = tmp_path / "statement" / "translations"
    before = {p.name: p.read_text(encoding="utf-8") for p in folder.iterdir()}
    mode = (folder / "ja.yaml").stat().st_mode
    done = run("translations", "--stamp", "ja", "points.open-ports.summary", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    after = {p.name: p.read_text(encoding="utf-8") for p in folder.iterdir()}
    assert sorted(after) == sorted(before)  # nothing else written, no temporary file left
    assert after["ko.yaml"] == before["ko.yaml"]
    old, new = before["ja.yaml"].splitlines(keepends=True), after["ja.yaml"].splitlines(keepends=True)
    changed = [i for i, (a, b) in enumerate(zip(old, new, strict=True)) if a != b]
    assert changed == [52]
    assert new[52] == f'    fingerprint: "{translations.fingerprint("Both countries will keep their ports open.")}"\n'
    assert (folder / "ja.yaml").stat().st_mode == mode
    # ja is current now; ko is still stale, and check says so.
    left = run("check", cwd=tmp_path)
    assert left.returncode == 1 and "ja.yaml" not in left.stderr and "ko.yaml:53:5" in left.stderr


def test_stamp_refuses_a_concurrent_change(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(STALE, tmp_path / "statement")
    file = tmp_path / "statement" / "translations" / "ja.yaml"
    edited = file.read_text(encoding="utf-8").replace("開かれた港", "開放された港")
    real_fsync = os.fsync

    def editor_saves_meanwhile(fd: int) -> None:  # another program writes the file while the stamp is under way
        file.write_text(edited, encoding="utf-8")
        real_fsync(fd)

    monkeypatch.setattr(translations.os, "fsync", editor_saves_meanwhile)
    with pytest.raises(translations.StampError, match="changed while stamping"):
        translations.stamp(tmp_path / "statement", "ja", "points.open-ports.summary", "Both countries will keep their ports open.")
    assert file.read_text(encoding="utf-8") == edited  # the other edit is kept
    assert sorted(p.name for p in file.parent.iterdir()) == ["ja.yaml", "ko.yaml"]


@pytest.mark.parametrize(("args", "message"), [
    (("fr", "points.open-ports.summary"), "unknown language 'fr'"),
    (("ja", "points.nothing.summary"), "is not the key of an English text"),
    (("ja", "../../etc.summary"), "is not the key of an English text"),
])
@pytest.mark.build
def test_stamp_refuses_what_it_cannot_do_and_writes_nothing(tmp_path: Path, args: tuple[str, str], message: str) -> None:
    shutil.copytree(STALE, tmp_path / "statement")
    before = {p: p.read_bytes() for p in (tmp_path / "statement").rglob("*") if p.is_file()}
    done = run("translations", "--stamp", *args, cwd=tmp_path)
    assert done.returncode == 2 and message in done.stderr and "Traceback" not in done.stderr
    assert {p: p.read_bytes() for p in (tmp_path / "statement").rglob("*") if p.is_file()} == before


def test_drift_is_an_error_for_builds_and_a_callback_for_serve() -> None:
    with pytest.raises(ContentError, match="STALE"):
        load_statement(STALE)
    seen: list[object] = []
    st = load_statement(STALE, drift=seen.extend)
    assert len(seen) == 2 and all("STALE" in str(p) for p in seen)
    assert {e.lang for e in st.editions} == {"ja", "ko"}


def test_consistency_errors_stop_serve_too() -> None:
    with pytest.raises(ContentError, match="the number 2"):
        load_statement(FIXTURES / "fail" / "translation-number-missing" / "statement", drift=lambda found: None)


@pytest.mark.build
def test_serve_warns_about_stale_translations_and_keeps_serving(tmp_path: Path) -> None:
    config = make_project(tmp_path, TRANSLATED)
    srv = Server(tmp_path, config)
    try:
        _wait("the first build", lambda: "Open ports" in (srv.page("sections/alpha/") or ""))
        alpha = tmp_path / "statement" / "sections" / "alpha.yaml"
        alpha.write_text(alpha.read_text(encoding="utf-8").replace("keep their harbours open", "keep their ports open"), encoding="utf-8")
        _wait("the edited English to be served", lambda: "keep their ports open" in (srv.page("sections/alpha/") or ""))
        assert any("ja.yaml:53:5: texts.points.open-ports.summary.fingerprint: STALE" in line for line in srv.output), "\n".join(srv.output)
        assert any(line.startswith("WARNING: 2 translation problems") for line in srv.output)
        assert srv.proc.poll() is None
        assert not any("Traceback" in line or "Still serving the last good site" in line for line in srv.output)
    finally:
        srv.stop()


def test_a_name_must_be_one_of_its_keys_aliases(tmp_path: Path) -> None:
    # names: the aliases a page shows as other names of a topic or party; a name not searched, or a key no topic
    # or party has (a note has search words, no names), is an error naming the line.
    root = tmp_path / "statement"
    shutil.copytree(STATEMENT, root)
    ja = root / "translations" / "ja.yaml"
    text = ja.read_text(encoding="utf-8")
    assert '\n  "parties.KR": ["大韓民国"]\n' in text
    ja.write_text(text.replace('\n  "parties.KR": ["大韓民国"]\n',
                               '\n  "parties.KR": ["大韓民国", "南朝鮮"]\n  "not-covered.coast-guard": ["海上保安庁"]\n'), encoding="utf-8")
    with pytest.raises(ContentError) as e:
        load_statement(root)
    report = e.value.report()
    assert "ja.yaml:" in report and "'南朝鮮' is not one of the aliases of parties.KR" in report, report
    assert "names.not-covered.coast-guard: not a key of names (expected topics.<id> or parties.<code>)" in report, report

"""Keyboard only: Tab reaches the search, the navigation and every copy control in reading order, each with a visible focus ring."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

# What has focus now, where it sits, and whether a focus indicator is drawn.
_ACTIVE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const shown = e => { const b = e.getBoundingClientRect(); return b.width > 0 && b.height > 0; };
  // A visually hidden control (a radio, say) shows its focus on the label drawn for it.
  const sib = el.nextElementSibling && el.nextElementSibling.tagName === 'LABEL' ? [el.nextElementSibling] : [];
  const drawn = shown(el) ? el : [...sib, ...(el.labels || [])].find(shown) || el;
  const cs = getComputedStyle(drawn);
  const ring = (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0) || cs.boxShadow !== 'none';
  const r = drawn.getBoundingClientRect();
  return {
    tag: el.tagName.toLowerCase(),
    cls: el.className && el.className.baseVal === undefined ? el.className : '',
    text: (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 60),
    where: el.closest('.md-search') ? 'search' : el.closest('.md-sidebar--primary') ? 'nav'
         : el.closest('.md-sidebar--secondary') ? 'toc' : el.closest('.md-content') ? 'content'
         : el.closest('.md-header') ? 'header' : el.closest('.md-footer') ? 'footer' : 'other',
    permalink: el.dataset ? (el.dataset.permalink || '') : '',
    commitment: el.closest('.commitment') ? el.closest('.commitment').querySelector('h2').id : '',
    ring, visible: r.width > 0 && r.height > 0,
  };
}"""


@dataclass(frozen=True)
class Stop:
    tag: str
    cls: str
    text: str
    where: str
    permalink: str
    commitment: str
    ring: bool
    visible: bool


# Tab through the whole page (until focus wraps back to the start), recording every stop.
def _tab_through(page: object, limit: int = 400) -> list[Stop]:
    stops: list[Stop] = []
    for _ in range(limit):
        page.keyboard.press("Tab")  # type: ignore[attr-defined]
        info = page.evaluate(_ACTIVE)  # type: ignore[attr-defined]
        if info is None:
            if stops:
                break
            continue
        stop = Stop(**info)
        if stops and stop == stops[0]:
            break
        stops.append(stop)
    return stops


def _first(stops: list[Stop], where: str) -> int:
    return next(i for i, s in enumerate(stops) if s.where == where)


# Each edition's home: the language switcher's links are Tab stops in the header, ringed like the rest.
@pytest.mark.parametrize("home", ["/", "/ja/", "/ko/"])
def test_home_page_tab_order_and_focus_rings(page: object, base_url: str, home: str) -> None:
    page.goto(base_url + home)  # type: ignore[attr-defined]
    stops = _tab_through(page)
    assert stops, "Tab never moved focus"
    assert "md-skip" in stops[0].cls.split() and stops[0].visible, f"first stop should be the visible skip link, got {stops[0]}"
    wheres = [s.where for s in stops]
    for needed in ("search", "nav", "content"):
        assert needed in wheres, f"Tab never reaches {needed}: {wheres}"
    assert _first(stops, "search") < _first(stops, "nav") < _first(stops, "content"), wheres
    assert any(s.where == "search" and s.tag == "input" for s in stops), "the search box itself is not reachable"
    nav_texts = [s.text for s in stops if s.where == "nav"]
    assert "The statement" in " ".join(nav_texts) or len(nav_texts) > 5, nav_texts
    assert sum("md-select__link" in s.cls.split() for s in stops) == 3, "the language switcher is not reachable by Tab"
    no_ring = [s for s in stops if s.visible and not s.ring]
    assert not no_ring, "focused without a visible focus ring:\n" + "\n".join(map(str, no_ring))


def test_section_page_reaches_every_copy_control_in_order(page: object, base_url: str) -> None:
    page.goto(base_url + "/sections/security/")  # type: ignore[attr-defined]
    expected = page.eval_on_selector_all(".commitment", "cs => cs.map(c => c.querySelector('h2').id)")  # type: ignore[attr-defined]
    assert len(expected) >= 3, expected
    buttons = page.eval_on_selector_all(".commitment .copy-link", "bs => bs.length")  # type: ignore[attr-defined]
    assert buttons == len(expected), f"{buttons} copy controls for {len(expected)} commitments (issue 3 markup)"
    stops = _tab_through(page)
    copies = [s for s in stops if "copy-link" in s.cls]
    assert [s.commitment for s in copies] == expected, "copy controls not reached once each, in reading order"
    assert all(s.permalink.rstrip("/").endswith(f"/c/{s.commitment}") for s in copies), copies
    assert _first(stops, "search") < _first(stops, "nav") < _first(stops, "content")
    no_ring = [s for s in stops if s.visible and not s.ring]
    assert not no_ring, "focused without a visible focus ring:\n" + "\n".join(map(str, no_ring))

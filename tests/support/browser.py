"""What the browser tests share: viewports, the accessibility check every
page passes, and logging into the back-office."""

import os
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe

from tests.factories.users import PASSWORD

DESKTOP = {"width": 1280, "height": 900}
MOBILE = {"width": 390, "height": 844}

# Every WCAG 2.x A/AA rule plus axe's best practices (landmarks, headings, …).
AXE_OPTIONS = {
    "resultTypes": ["violations"],
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
}


PAGE_FACTS_JS = """() => {
  const ids = [...document.querySelectorAll('[id]')].map(e => e.id);
  const skip = document.querySelector('a.skip-link');
  const target = skip && document.getElementById(skip.getAttribute('href').slice(1));
  return {
    lang: document.documentElement.lang,
    h1: document.querySelectorAll('h1').length,
    duplicateIds: ids.filter((id, i) => ids.indexOf(id) !== i),
    inlineStyles: document.querySelectorAll('[style]').length,
    // Scripts from our own origin (src) are allowed by the CSP; inline ones are not.
    inlineScripts: [...document.querySelectorAll('script')]
      .filter(s => !s.src && s.type !== 'application/ld+json').length,
    imagesWithoutAlt: [...document.querySelectorAll('img')].filter(i => !i.hasAttribute('alt')).length,
    brokenImages: [...document.querySelectorAll('img')]
      .filter(i => i.complete && i.naturalWidth === 0).map(i => i.currentSrc || i.src),
    skipTarget: !!target && target.tagName === 'MAIN',
    styled: getComputedStyle(document.body).fontFamily.includes('system-ui'),
  };
}"""


def check_page(session, path: str, status: int, language: str, screenshot_name: str = "") -> None:
    """The page answers ``status``, keeps the rules axe does not check (one h1,
    unique ids, no inline style or script, the skip link, the language) and
    axe finds no WCAG violation; saved under ``BROWSER_SCREENSHOTS`` if set."""
    session.goto(path, expected_status=status)
    session.page.wait_for_load_state("load")
    facts = session.page.evaluate(PAGE_FACTS_JS)
    assert facts["lang"] == language
    assert facts["h1"] == 1, f"{path}: {facts['h1']} h1 elements"
    assert facts["duplicateIds"] == []
    assert facts["inlineStyles"] == 0 and facts["inlineScripts"] == 0
    assert facts["imagesWithoutAlt"] == 0
    assert facts["brokenImages"] == []
    assert facts["skipTarget"], "the skip link must lead to <main>"
    assert facts["styled"], "the corporate stylesheet did not load"
    assert session.csp_violations() == []

    results = Axe().run(session.page, options=AXE_OPTIONS)
    assert results.violations_count == 0, f"{path}\n{results.generate_report()}"

    directory = os.environ.get("BROWSER_SCREENSHOTS")
    if directory and screenshot_name:
        Path(directory).mkdir(parents=True, exist_ok=True)
        session.page.screenshot(path=str(Path(directory) / f"{screenshot_name}.png"), full_page=True)


def log_in(session, user) -> None:
    """Log ``user`` (made by ``make_user``) into the back-office."""
    session.goto("/admin/login/?next=/admin/")
    session.page.get_by_label("Nom d'usuari").fill(user.username)
    session.page.get_by_label("Contrasenya").fill(PASSWORD)
    session.page.get_by_role("button", name="Iniciar sessió").click()
    session.page.wait_for_url("**/admin/")

"""Read what a visitor's browser would get from a response."""

import json
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

# Elements whose URL the browser fetches on its own, before anyone clicks.
_LOADED = {
    "script": ["src"],
    "link": ["href"],
    "img": ["src", "srcset"],
    "source": ["src", "srcset"],
    "iframe": ["src"],
    "video": ["src", "poster"],
    "audio": ["src"],
    "embed": ["src"],
    "object": ["data"],
}


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def text(response):
    """The visible text, with runs of whitespace collapsed."""
    return " ".join(soup(response).get_text(" ").split())


def h1_count(response):
    return len(soup(response).find_all("h1"))


def card_titles(response):
    return [link.get_text(strip=True) for link in soup(response).select(".card__title a")]


def json_ld(response):
    scripts = soup(response).find_all("script", type="application/ld+json")
    return [json.loads(script.string) for script in scripts]


def meta_property(response, name):
    tag = soup(response).find("meta", property=name)
    return tag["content"] if tag else None


def loaded_urls(response):
    """Every URL the page makes the browser load without a click."""
    urls = []
    for element in soup(response).find_all(_LOADED):
        if element.name == "link" and element.get("rel") in (["canonical"], ["alternate"]):
            continue
        for attribute in _LOADED[element.name]:
            value = element.get(attribute)
            if not value:
                continue
            candidates = value.split(",") if attribute == "srcset" else [value]
            urls += [candidate.split()[0] for candidate in candidates if candidate.strip()]
    return urls


def is_external(url):
    host = urlsplit(url).hostname
    return host is not None and host != "testserver"


def csp_directives(response):
    """The Content-Security-Policy header as {directive: [sources]}."""
    parts = [part.split() for part in response["Content-Security-Policy"].split(";") if part.strip()]
    return {name: sources for name, *sources in parts}

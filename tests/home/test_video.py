import pytest

from home.video import youtube_embed_url

EMBED = "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ"


@pytest.mark.parametrize(
    "url",
    [
        "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
        "https://www.youtube.com/watch?feature=share&v=aqz-KE-bpKQ&t=30s",
        "https://m.youtube.com/watch?v=aqz-KE-bpKQ",
        "https://youtu.be/aqz-KE-bpKQ",
        "https://youtu.be/aqz-KE-bpKQ?si=abc&t=5",
        "https://www.youtube.com/live/aqz-KE-bpKQ?feature=shared",
        "https://www.youtube.com/shorts/aqz-KE-bpKQ",
        "https://www.youtube.com/embed/aqz-KE-bpKQ",
        "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ",
        "  https://YOUTU.BE/aqz-KE-bpKQ  ",
    ],
)
def test_youtube_urls_become_a_nocookie_embed(url):
    assert youtube_embed_url(url) == EMBED


@pytest.mark.parametrize(
    "url",
    [
        "",
        None,
        "https://vimeo.com/76979871",
        "https://www.youtube.com/@bpsdmsulsel",
        "https://www.youtube.com/watch?v=too-short",
        "https://www.youtube.com/watch?v=aqz-KE-bpKQ%22onload",
        "https://youtube.com.evil.example/watch?v=aqz-KE-bpKQ",
        "https://www.youtube.com/playlist?list=PL590L5WQmH8fJ54F369BLDSqIwcs-TCfs",
        "javascript:alert(1)",
    ],
)
def test_anything_else_has_no_embed(url):
    assert youtube_embed_url(url) is None

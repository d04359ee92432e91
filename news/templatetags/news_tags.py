from django import template

from news.models import ArticlePage

register = template.Library()


@register.simple_tag
def latest_articles(limit=3):
    return list(ArticlePage.objects.live().public().order_by("-date", "-pk").for_listing()[:limit])


@register.simple_tag
def articles_about(episode, limit=5):
    """Live articles that link to this episode, newest first."""
    articles = ArticlePage.objects.live().public().filter(episode_links__episode=episode)
    return list(articles.order_by("-date", "-pk").for_listing()[:limit])

from site_project.formats.id.formats import *  # noqa: F403  (same conventions for id-id)

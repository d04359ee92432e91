from django.core.wsgi import get_wsgi_application

from site_project.environment import PRODUCTION, load

# The env file named by ASN_ENV_FILE (site_project/environment.py); a web server is production
# unless told otherwise.
load(default_settings=PRODUCTION)

application = get_wsgi_application()

#!/usr/bin/env python
import sys

from site_project.environment import ConfigurationError, load

if __name__ == "__main__":
    try:
        # The env file named by ASN_ENV_FILE, and the settings it chooses (site_project/environment.py).
        load()
        from django.core.management import execute_from_command_line

        execute_from_command_line(sys.argv)
    except ConfigurationError as error:
        sys.stderr.write(f"{error}\n")
        sys.exit(2)

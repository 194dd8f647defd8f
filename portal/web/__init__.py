"""What every journey shares on the web: access rules, the blueprint list, errors, Jinja
filters and globals, assets, the page language, safe redirects and security headers."""

"""The baseline: Flask with nothing else, one endpoint returning a short text.

Served by the same gunicorn settings as the portal, so a page's requests per second
divided by this one's says how much the portal's own work costs.
"""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello() -> str:
    return "Hello from a bare Flask app."

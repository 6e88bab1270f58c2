"""The questionnaire's blueprint, shared by its two view modules: the question pages
(`views`) and the result page (`result_page`), so that neither imports the other."""

from flask import Blueprint

bp = Blueprint("questionnaire", __name__, url_prefix="/assessments/<public_id>")

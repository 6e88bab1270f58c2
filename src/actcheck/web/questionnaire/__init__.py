"""The questionnaire pages of one assessment: the question pages and the result page, two
view modules on one blueprint. Importing the package registers the routes of both."""

from actcheck.web.questionnaire import result_page, views
from actcheck.web.questionnaire.blueprint import bp

__all__ = ["bp", "result_page", "views"]

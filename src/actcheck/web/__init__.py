"""The web application: the questionnaire, the assessments list and the result pages."""

"""The questionnaire pages of one assessment."""

"""The longest text each field of a request may hold: one place read by the database columns
(tracker/models/requests.py), the forms, the import's checks and the API's description and validation."""

REFERENCE = 60
AUTHORITY = 300
CASE_NUMBER = 40
ARTICLES = 200
SUMMARY = 10000
DECISION = 10000
PERSON_NAME = 300
FOREIGN_REFERENCE = 120
FOREIGN_DECISION = 500
NOTE = 5000
CODE = 40  # treaty and crime category codes
EMAIL = 254

# By the request's field name, as forms and the import name them.
TEXT = {"reference": REFERENCE, "authority": AUTHORITY, "case_number": CASE_NUMBER, "articles": ARTICLES,
        "summary": SUMMARY, "decision": DECISION, "person_name": PERSON_NAME, "person_name_latin": PERSON_NAME,
        "foreign_reference": FOREIGN_REFERENCE}

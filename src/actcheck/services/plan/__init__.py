"""The compliance plan (issue 17): what an organisation does about each obligation of an
assessment's result. `reconcile` and `progress` are pure; `items`, `evidence` and
`storage` read and write the database and the evidence store."""

"""The review desk: `locpipe review OUT`, a local web server where editors correct translations
beside the source, with QA findings, glossary terms and memory suggestions, and publish.

Web layer only: every read is a manifest or a PO file through the library (`locpipe.formats`),
every check is `locpipe.review.check_entry` (what `locpipe qa` runs) and every save is
`locpipe.review.save_entry` (what `locpipe po apply` runs). Starlette, Jinja2 and uvicorn are
the optional extra `desk`; nothing here is imported by `locpipe --help`.
"""

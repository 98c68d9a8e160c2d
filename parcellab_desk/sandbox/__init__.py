"""The sandbox: a local stand-in server speaking parcelLab's v4 track/orders contract.

An ASGI app (Starlette, served by uvicorn) persisting in SQLite, with deterministic demo data.
It imports the shared contract (``parcellab_desk.api.schema`` and ``.validation``) and nothing
else of the console. Modules, each with the decisions it makes where the contract is silent:

- ``app``: routes, request parsing, error answers; ``admin``: fault and settings routes
- ``orders``: PUT/POST semantics and mutations; ``store``: SQLite tables, indexes, queries
- ``pagination``: opaque keyset cursors; ``auth``: tokens, scopes, both schemes
- ``faults``: injected latency, errors, throttling and dropped connections
- ``demo_data``: the seeded generator; ``openapi``: the OpenAPI 3.1 document
- ``server``: assembly on a bound socket; ``embedded``: ``EmbeddedSandbox`` (in a thread);
  ``__main__``: the command line (``python -m parcellab_desk.sandbox``)
"""

"""Demonstration data: staff for every role, partners and networks, fictitious cases and
meetings. The top app: it may call every domain app, and none calls it."""

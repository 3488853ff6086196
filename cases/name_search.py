"""The case list's name search: kept in the session behind a token (sozialraum.session_terms)."""

from sozialraum.session_terms import SessionTerm

NAME_SEARCH = SessionTerm(session_key="case_name_search", parameter="suche")

from . import session_event_type

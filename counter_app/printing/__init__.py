"""Notices as reportlab documents (A4 and 80 mm roll); paper through Qt lives in ``qt_printer``."""

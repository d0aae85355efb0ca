"""The board kinds: what each notice board shows, declared once per kind (see ``kinds``)."""

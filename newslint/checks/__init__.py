"""Code rules, one module per rule family. Every module here is loaded by the built-in
plugin; a rule is any function decorated with ``@rule`` or ``@corpus_rule``."""

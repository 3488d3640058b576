//! Names people can trust: normalised text, invisible and bidi characters refused, look-alike creators refused.

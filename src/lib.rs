//! Etalase widget.

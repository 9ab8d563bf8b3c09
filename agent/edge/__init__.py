"""The HTTP edge: the app and its routes, keys and origins, errors, admission, drain."""

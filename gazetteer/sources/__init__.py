"""Readers and build scripts for the gazetteer's sources (GeoNames, countries, Natural Earth)."""

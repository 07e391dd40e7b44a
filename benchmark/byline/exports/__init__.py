"""Label Studio exports: reading them, checking them, and turning annotations into gold records.

- :mod:`byline.exports.reader` streams the tasks of a JSON export file (and recognises the
  export types that lose information: JSON_MIN and CSV);
- :mod:`byline.exports.regions` parses one annotation's ``result`` list into regions, relations
  and attributes, yielding every problem;
- :mod:`byline.exports.convert` turns a parsed annotation into a gold document record;
- :mod:`byline.exports.validate` runs all of it over files and keeps the account.
"""

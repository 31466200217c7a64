#!/usr/bin/env python3
"""The JSON-Schema way of doing action-lint's completeness job, for the
benchmark: PyYAML's libyaml loader (CSafeLoader) and python3-jsonschema
validating each file against strategy.schema.json.

    jsonschema-lint.py SCHEMA FILE...
"""
import json
import sys

import jsonschema
import yaml


class Loader(yaml.CSafeLoader):
    """Dates stay text, as they are in the schema (and in sendkit)."""


Loader.yaml_implicit_resolvers = {
    k: [r for r in v if r[0] != 'tag:yaml.org,2002:timestamp']
    for k, v in yaml.CSafeLoader.yaml_implicit_resolvers.items()
}


def main():
    with open(sys.argv[1], encoding='utf-8') as f:
        schema = json.load(f)
    validator = jsonschema.Draft202012Validator(schema)
    errors = 0
    for path in sys.argv[2:]:
        try:
            with open(path, 'rb') as f:
                doc = yaml.load(f, Loader=Loader)
        except yaml.YAMLError as e:
            print(f'{path}: {e}'.replace('\n', ' '))
            errors += 1
            continue
        for e in validator.iter_errors(doc):
            print(f'{path}: {"/".join(map(str, e.absolute_path))}: {e.message}')
            errors += 1
    print(f'{len(sys.argv) - 2} files, {errors} errors', file=sys.stderr)
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())

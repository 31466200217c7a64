#!/usr/bin/env python3
"""Checks action-lint's SARIF against SARIF 2.1.0 (OASIS, sarif-schema-2.1.0.json):
for every object it writes, the schema's required properties, the types and
enums of the properties it uses, and no property the schema does not allow
(the schema sets additionalProperties false on each). Also what GitHub code
scanning needs to place a result: ruleId, a location with a uri and a
region.startLine, and a ruleIndex that points at the rule of that id.

    sarif-check.py ACTION_LINT SOURCE_DIR
"""
import json
import re
import subprocess
import sys

LEVELS = {'none', 'note', 'warning', 'error'}
URI_REF = re.compile(r'^(?:[A-Za-z0-9._~/-]|%[0-9A-F]{2})+$')


def is_int(minimum):
    return lambda v: isinstance(v, int) and not isinstance(v, bool) and v >= minimum


def is_str(v):
    return isinstance(v, str)


def array_of(kind, unique=False):
    def check(v, where):
        if not isinstance(v, list):
            return [f'{where}: not an array']
        if unique and len({json.dumps(x, sort_keys=True) for x in v}) != len(v):
            return [f'{where}: items not unique']
        return [e for i, x in enumerate(v) for e in validate(x, kind, f'{where}[{i}]')]
    return check


def obj(kind):
    return lambda v, where: validate(v, kind, where)


def plain(test):
    return lambda v, where: [] if test(v) else [f'{where}: bad value {v!r}']


# kind: (required, any_of_required, {property: check}) for the objects used,
# with every property the schema allows for them (unused ones: None).
SCHEMA = {
    'log': (['version', 'runs'], [], {
        '$schema': plain(is_str), 'version': plain(lambda v: v == '2.1.0'),
        'runs': array_of('run'), 'inlineExternalProperties': None, 'properties': None}),
    'run': (['tool'], [], {
        'tool': obj('tool'), 'columnKind': plain(lambda v: v in (
            'utf16CodeUnits', 'unicodeCodePoints')),
        'results': array_of('result'), **dict.fromkeys(
            'invocations conversion language versionControlProvenance originalUriBaseIds '
            'artifacts logicalLocations graphs automationDetails runAggregates baselineGuid '
            'redactionTokens defaultEncoding defaultSourceLanguage newlineSequences '
            'externalPropertyFileReferences threadFlowLocations taxonomies addresses '
            'translations policies webRequests webResponses specialLocations '
            'properties'.split())}),
    'tool': (['driver'], [], {'driver': obj('toolComponent'), 'extensions': None,
                              'properties': None}),
    'toolComponent': (['name'], [], {
        'name': plain(is_str), 'version': plain(is_str),
        'rules': array_of('reportingDescriptor', unique=True), **dict.fromkeys(
            'guid organization product productSuite shortDescription fullDescription '
            'fullName semanticVersion dottedQuadFileVersion releaseDateUtc downloadUri '
            'informationUri globalMessageStrings notifications taxa locations language '
            'contents isComprehensive localizedDataSemanticVersion '
            'minimumRequiredLocalizedDataSemanticVersion associatedComponent '
            'translationMetadata supportedTaxonomies properties'.split())}),
    'reportingDescriptor': (['id'], [], {
        'id': plain(is_str), 'shortDescription': obj('multiformatMessageString'),
        'fullDescription': obj('multiformatMessageString'),
        'defaultConfiguration': obj('reportingConfiguration'), **dict.fromkeys(
            'deprecatedIds guid deprecatedGuids name deprecatedNames messageStrings '
            'helpUri help relationships properties'.split())}),
    'multiformatMessageString': (['text'], [], {
        'text': plain(is_str), 'markdown': plain(is_str), 'properties': None}),
    'reportingConfiguration': ([], [], {
        'level': plain(lambda v: v in LEVELS), 'enabled': None, 'rank': None,
        'parameters': None, 'properties': None}),
    'result': (['message'], [], {
        'ruleId': plain(is_str), 'ruleIndex': plain(is_int(-1)),
        'level': plain(lambda v: v in LEVELS), 'message': obj('message'),
        'locations': array_of('location'), **dict.fromkeys(
            'rule kind analysisTarget guid correlationGuid occurrenceCount '
            'partialFingerprints fingerprints stacks codeFlows graphs graphTraversals '
            'relatedLocations suppressions baselineState rank attachments hostedViewerUri '
            'workItemUris provenance fixes taxa webRequest webResponse properties'.split())}),
    'message': ([], [['text'], ['id']], {
        'text': plain(is_str), 'markdown': None, 'id': None, 'arguments': None,
        'properties': None}),
    'location': ([], [], {
        'physicalLocation': obj('physicalLocation'), **dict.fromkeys(
            'id logicalLocations message annotations relationships properties'.split())}),
    'physicalLocation': ([], [['address'], ['artifactLocation']], {
        'artifactLocation': obj('artifactLocation'), 'region': obj('region'),
        'address': None, 'contextRegion': None, 'properties': None}),
    'artifactLocation': ([], [], {
        'uri': plain(lambda v: is_str(v) and URI_REF.match(v)), 'uriBaseId': None,
        'index': None, 'description': None, 'properties': None}),
    'region': ([], [], {
        'startLine': plain(is_int(1)), 'startColumn': plain(is_int(1)), **dict.fromkeys(
            'endLine endColumn charOffset charLength byteOffset byteLength snippet message '
            'sourceLanguage properties'.split())}),
}


def validate(value, kind, where):
    required, any_of, props = SCHEMA[kind]
    if not isinstance(value, dict):
        return [f'{where}: not an object ({kind})']
    errors = [f'{where}: no "{p}" ({kind} requires it)' for p in required if p not in value]
    if any_of and not any(all(p in value for p in group) for group in any_of):
        errors.append(f'{where}: needs one of {any_of} ({kind})')
    for p, v in value.items():
        if p not in props:
            errors.append(f'{where}: "{p}" is not a property of {kind}')
        elif props[p] is None:
            errors.append(f'{where}: "{p}" is written but this check does not cover it')
        else:
            errors += props[p](v, f'{where}.{p}')
    return errors


def github_needs(log):
    """What code scanning needs beyond the schema."""
    errors = []
    for r, run in enumerate(log['runs']):
        rules = run['tool']['driver'].get('rules', [])
        for i, res in enumerate(run.get('results', [])):
            where = f'runs[{r}].results[{i}]'
            if 'ruleId' not in res:
                errors.append(f'{where}: no ruleId')
            elif 'ruleIndex' in res and rules[res['ruleIndex']]['id'] != res['ruleId']:
                errors.append(f'{where}: ruleIndex does not point at rule {res["ruleId"]}')
            locs = res.get('locations', [])
            if len(locs) != 1 or 'region' not in locs[0].get('physicalLocation', {}) \
                    or 'startLine' not in locs[0]['physicalLocation']['region']:
                errors.append(f'{where}: needs one location with a region.startLine')
        if any('shortDescription' not in rule for rule in rules):
            errors.append(f'runs[{r}]: a rule without a shortDescription')
    return errors


def main():
    lint, src = sys.argv[1], sys.argv[2]
    runs = [
        ['examples/'],
        ['tests/cli/action-lint/format-sarif/bad.yaml',
         'tests/cli/action-lint/format-sarif/ansi.yaml',
         'tests/cli/action-lint/not-sendkit/bad.yaml'],
        ['tests/cli/action-lint/exit-0/good.yaml'],
    ]
    failed = 0
    for paths in runs:
        out = subprocess.run([lint, '--as-of', '2024-03-01', '-f', 'sarif', *paths], cwd=src,
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, check=False)
        log = json.loads(out.stdout)
        errors = validate(log, 'log', 'log') or github_needs(log)
        results = sum(len(run.get('results', [])) for run in log['runs'])
        print(f'{" ".join(paths)}: {results} results, '
              f'{"valid" if not errors else "INVALID"}')
        for e in errors:
            print('  ' + e)
        failed += bool(errors)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())

#!/usr/bin/env python3
"""Runs the steps of a composite GitHub Action (action.yml) the way the
Actions runner does, as far as a test here needs: `${{ }}` expressions over
inputs, steps.<id>.outputs, runner and github contexts; `if:` conditions
with ==, !=, &&, ||, !, always(), success(), failure(); GITHUB_OUTPUT,
GITHUB_PATH and GITHUB_ACTION_PATH; `shell: bash` as
`bash --noprofile --norc -eo pipefail`. A `uses:` step cannot run here: it
is recorded (with its evaluated `with:`) in the JSON report, and
actions/cache reports a miss.

Usage: run_composite_action.py ACTION_YML REPORT_JSON [NAME=VALUE]...
Prints each step; exits 1 when a step failed (as the job would)."""
import json
import os
import re
import subprocess
import sys
import tempfile

import yaml


def evaluate(expression, context):
    """Evaluates one expression (the text inside ${{ }})."""
    def value_of(name):
        node = context
        for part in name.split('.'):
            if not isinstance(node, dict) or part not in node:
                return ''
            node = node[part]
        return node

    tokens = re.findall(r"'(?:[^']|'')*'|&&|\|\||==|!=|!|\(|\)|[A-Za-z_][\w.-]*(?:\(\))?", expression)
    python = []
    for token in tokens:
        if token.startswith("'"):
            python.append(repr(token[1:-1].replace("''", "'")))
        elif token in ('&&', '||', '!'):
            python.append({'&&': 'and', '||': 'or', '!': 'not'}[token])
        elif token in ('==', '!=', '(', ')'):
            python.append(token)
        elif token in ('always()', 'success()', 'failure()'):
            python.append(repr({'always()': True, 'success()': not context['_failed'],
                                'failure()': context['_failed']}[token]))
        elif token in ('true', 'false'):
            python.append(repr(token == 'true'))
        else:
            python.append(repr(value_of(token)))
    return eval(' '.join(python), {'__builtins__': {}})  # only literals and operators remain


def substitute(text, context):
    return re.sub(r'\$\{\{\s*(.*?)\s*\}\}', lambda m: str(evaluate(m.group(1), context)), str(text))


def read_pairs(path):
    pairs = {}
    with open(path) as handle:
        for line in handle:
            if '=' in line:
                key, value = line.rstrip('\n').split('=', 1)
                pairs[key] = value
    return pairs


def main():
    action_path, report_path = sys.argv[1], sys.argv[2]
    action = yaml.safe_load(open(action_path))
    inputs = {name: str(spec.get('default', '')) for name, spec in action.get('inputs', {}).items()}
    for pair in sys.argv[3:]:
        name, value = pair.split('=', 1)
        if name not in inputs:
            sys.exit(f'unknown input {name}')
        inputs[name] = value
    temp = tempfile.mkdtemp()
    context = {'inputs': inputs, 'steps': {}, 'runner': {'os': 'Linux', 'temp': os.environ.get('RUNNER_TEMP', temp)},
               'github': {'action_path': os.path.dirname(os.path.abspath(action_path)), 'action_ref': 'test'},
               '_failed': False}
    path_additions, report = [], {'steps': []}
    for index, step in enumerate(action['runs']['steps']):
        condition = step.get('if', 'success()')
        condition = re.sub(r'^\$\{\{\s*(.*?)\s*\}\}$', r'\1', str(condition))
        entry = {'id': step.get('id', f'step{index}'), 'ran': False}
        if 'uses' in step:
            entry['uses'] = step['uses']
        report['steps'].append(entry)
        if not evaluate(condition, context):
            continue
        entry['ran'] = True
        outputs = {}
        if 'uses' in step:
            entry['with'] = {key: substitute(value, context) for key, value in step.get('with', {}).items()}
            if step['uses'].startswith('actions/cache@'):
                outputs['cache-hit'] = 'false'
        else:
            assert step.get('shell') == 'bash', 'composite run steps need shell: bash'
            output_file, path_file = os.path.join(temp, f'output{index}'), os.path.join(temp, f'path{index}')
            open(output_file, 'w').close()
            open(path_file, 'w').close()
            env = dict(os.environ)
            env['PATH'] = os.pathsep.join(path_additions + [env['PATH']])
            env.update({key: substitute(value, context) for key, value in step.get('env', {}).items()})
            env.update({'GITHUB_OUTPUT': output_file, 'GITHUB_PATH': path_file, 'GITHUB_ACTIONS': 'true',
                        'GITHUB_ACTION_PATH': context['github']['action_path'], 'RUNNER_OS': 'Linux',
                        'RUNNER_TEMP': context['runner']['temp']})
            script = os.path.join(temp, f'step{index}.sh')
            with open(script, 'w') as handle:
                handle.write(substitute(step['run'], context))
            result = subprocess.run(['bash', '--noprofile', '--norc', '-eo', 'pipefail', script], env=env)
            entry['exit'] = result.returncode
            if result.returncode != 0:
                context['_failed'] = True
            outputs = read_pairs(output_file)
            path_additions = [line.strip() for line in open(path_file) if line.strip()][::-1] + path_additions
        entry['outputs'] = outputs
        if 'id' in step:
            context['steps'][step['id']] = {'outputs': outputs}
    report['outputs'] = {name: substitute(spec['value'], context) for name, spec in action.get('outputs', {}).items()}
    report['failed'] = context['_failed']
    with open(report_path, 'w') as handle:
        json.dump(report, handle, indent=1)
    return 1 if context['_failed'] else 0


if __name__ == '__main__':
    sys.exit(main())

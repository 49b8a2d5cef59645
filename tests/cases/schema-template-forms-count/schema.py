# The JSON Schema of templates accepts what examgen accepts (t.yaml, which
# validate passes first): 1,000 forms (PAPER_MAX_FORMS), and refuses 1,001
# as examgen does.  A shipped template, given t.yaml's forms.
import json
import sys

import jsonschema
import yaml

schema = json.load(open(sys.argv[1] + '/docs/schema/template.schema.json'))
t = yaml.safe_load(open(sys.argv[1] + '/templates/cs-manager-60-60-60.yaml'))
t['forms'] = yaml.safe_load(open('t.yaml'))['forms']
jsonschema.validate(t, schema)
t['forms']['count'] = 1001
try:
    jsonschema.validate(t, schema)
except jsonschema.ValidationError:
    sys.exit(0)
sys.exit('1,001 forms pass the schema')

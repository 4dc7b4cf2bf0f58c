"""Keep a generated project in step with later template releases, and serve the template to copier.

``nhs-rap update`` replays what changed between two releases of the template onto a project with
git's own three-way merge; ``copier.yml`` (generated from ``cookiecutter.json``) and the Jinja
bridge let ``copier copy`` build the same project as cookiecutter from the same template.
"""

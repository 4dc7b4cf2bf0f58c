{#- The fixtures hold no DataFrame, so every backend shares the same ones. -#}
{% include "backends/pandas/tests/conftest.py" %}
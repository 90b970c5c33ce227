"""Role-play engine and its ipywidgets views (engine modules never import ipywidgets)."""

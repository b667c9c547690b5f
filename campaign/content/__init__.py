"""The content engine: pages, components, campaign lifecycle, press."""

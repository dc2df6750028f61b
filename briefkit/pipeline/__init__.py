"""The build as stages: load, plan, render, engine, print, index, publish."""

"""The student side: the workspace a student opens, and JupyterLab on it."""

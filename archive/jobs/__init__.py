"""Import jobs: an upload saved verbatim, then imported item by item by a worker.

queue.py creates, cancels and recovers jobs (the web side); runner.py is what
a worker runs; progress.py says how far a job is; tasks.py is the task the
queue hands to `manage.py db_worker`.
"""

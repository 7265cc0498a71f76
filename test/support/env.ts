// Every test runs with a quiet log and without any real Microsoft endpoint in reach.
process.env.LOG_LEVEL ??= 'silent';

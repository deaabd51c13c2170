hello
r a
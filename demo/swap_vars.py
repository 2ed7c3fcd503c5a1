"""A swap that loses a value: debug it with MCP Live Debugger (npm run demo:agent)."""


def swap(a, b):
    a = b  # bug: the old value of a is gone before b can take it
    b = a
    return a, b


def main():
    x = 1
    y = 2
    x, y = swap(x, y)
    print(f"after swap: x={x} y={y} (expected x=2 y=1)")


if __name__ == "__main__":
    main()

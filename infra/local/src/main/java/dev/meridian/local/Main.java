package dev.meridian.local;
public final class Main { public static void main(String[] a) {} }

# frozen_string_literal: true

# The shipped signatures (sig/) against the loaded gem, both ways, as stubtest does for Python:
# every method sig/ declares exists, and every public method of the gem's classes is declared.

require_relative "test_helper"
require "rbs"
require "pathname"

class RbsTest < Minitest::Test
  def declarations
    loader = RBS::EnvironmentLoader.new(core_root: nil)
    loader.add(path: Pathname(File.expand_path("../sig", __dir__)))
    env = RBS::Environment.from_loader(loader)
    env.class_decls.filter_map do |name, entry|
      next unless name.to_s.start_with?("::Hookseal")

      members = entry.decls.flat_map { |d| d.decl.members }
      [name.to_s.delete_prefix("::"), members]
    end
  end

  def declared(members, kind)
    members.flat_map do |m|
      case m
      when RBS::AST::Members::MethodDefinition
        (kind == :singleton) == m.singleton? ? [m.name] : []
      when RBS::AST::Members::AttrReader, RBS::AST::Members::AttrAccessor
        kind == :instance ? [m.name] : []
      when RBS::AST::Members::Alias then kind == :instance ? [m.new_name] : []
      else []
      end
    end
  end

  def test_every_declared_method_exists_and_every_public_one_is_declared
    decls = declarations
    assert_operator decls.length, :>, 50
    decls.each do |name, members|
      mod = Object.const_get(name)
      inst = declared(members, :instance) - [:initialize]
      inst.each { |m| assert mod.method_defined?(m), "#{name}##{m} is declared but not defined" }
      declared(members, :singleton).each do |m|
        assert mod.respond_to?(m, true), "#{name}.#{m} is declared but not defined"
      end
      own = mod.public_instance_methods(false) - %i[inspect to_s]
      assert_empty own - inst, "#{name}: public methods missing from sig/"
    end
  end

  def test_every_event_class_is_declared_and_in_the_union
    decls = declarations.to_h
    Hookseal::EVENT_TYPES.each do |t|
      cls = Hookseal.unsafe_unwrap(Hookseal.sample_body(t)).class
      assert decls.key?(cls.name), "#{cls} (#{t}) has no signature"
    end
  end
end

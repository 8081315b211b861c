<#-- One-time code by e-mail (SPEC 2.2 e-mail channel). Attributes: code, validity (in words). -->
<#import "template.ftl" as layout>
<@layout.emailLayout titleKey="monespaceCodeTitle">
<@layout.paragraph key="monespaceEmailGreeting"/>
<@layout.paragraph key="monespaceCodeBody"/>
<@layout.paragraph text=code strong=true/>
<@layout.paragraph key="monespaceCodeValidity" args=[validity]/>
<@layout.paragraph key="monespaceEmailNotYou"/>
</@layout.emailLayout>
